import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { outputPath } from "../helpers/browser";
import {
	STILL,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
} from "./harness";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

void test("example note draws every block", async () => {
	const text = readFileSync("examples/Activation functions.md", "utf8");
	const expected = text
		.split("\n")
		.filter((line) => line.startsWith("```activation")).length;
	const page = await openObsidianPage(browser, { width: 1000, height: 900 });
	await openNote(page, { path: "Activation functions.md", text, data: STILL });
	await page.screenshot({ path: outputPath("obsidian-example-top.png") });

	const blocks = await page.evaluate(async () => {
		const { standIn } = window;
		const all = Array.from(
			document.querySelectorAll(".block-language-activation"),
		);
		for (const el of all) {
			el.scrollIntoView();
			await standIn.frames(2);
		}
		return all.map((el) => ({
			inked: standIn.inkedCanvases(el),
			error: el.querySelector(".activation-error")?.textContent ?? null,
		}));
	});
	assert.equal(blocks.length, expected);
	for (const [index, drawn] of blocks.entries()) {
		assert.equal(drawn.error, null, `block ${index + 1} shows an error`);
		assert.ok(drawn.inked > 0, `block ${index + 1} is drawn`);
	}
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});
