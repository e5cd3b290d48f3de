import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { outputPath } from "../helpers/browser";
import {
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
	STILL,
} from "../obsidian/harness";
import { BLUE, countPrintedImageColour, generatedNote } from "./pages";

/** Blue pixels a printed chart of one function has at least: its curves at 2x. */
const MIN_CURVE_PIXELS = 1500;

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

void test("PDF export container draws twelve images", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { text: generatedNote(12), print: true, data: STILL });
	// Counted straight after rendering, without waiting for frames or scrolling.
	const report = await page.evaluate(() => {
		const note = document.querySelector(".print #note");
		return {
			images: note?.querySelectorAll("img.activation-print-image").length ?? 0,
			canvases: note?.querySelectorAll("canvas").length ?? 0,
			controls:
				note?.querySelectorAll(".activation-controls, button, input").length ??
				0,
			tables:
				note?.querySelectorAll(".activation-print .activation-marks tbody tr")
					.length ?? 0,
		};
	});
	assert.deepEqual(report, {
		images: 12,
		canvases: 0,
		controls: 0,
		tables: 12,
	});
	const blue = await countPrintedImageColour(page, BLUE);
	blue.forEach((pixels, index) => {
		assert.ok(
			pixels >= MIN_CURVE_PIXELS,
			`printed image ${index} has ${pixels} blue pixels`,
		);
	});
	assert.deepEqual(pageErrors(page), []);
	await page.screenshot({
		path: outputPath("export-obsidian-print.png"),
		fullPage: true,
	});
	await page.close();
});
