import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
	copyFileSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { runBuiltCli } from "../cli/cli-run";
import {
	BLUE,
	ORANGE,
	countPngColour,
	countPrintedImageColour,
	generatedNote,
	openOffline,
	pdfImages,
	pdfToPngPages,
	type PageActivity,
} from "./pages";

const EXAMPLE_NOTE = join("examples", "Activation functions.md");

/** Width in device pixels of a printed chart image: 700 CSS pixels at 2x. */
const PRINTED_IMAGE_WIDTH = 1400;

/** Blue pixels a printed image has at least: the first series' value and gradient curves at 2x. */
const MIN_IMAGE_CURVE_PIXELS = 1500;

/** Blue pixels a chart leaves on a PDF page rendered at 60 dpi, at least. */
const MIN_PAGE_CURVE_PIXELS_PER_CHART = 60;

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

/** Writes the live HTML preview of a note with the built command line and returns its path. */
function writePreview(note: string): string {
	const out = mkdtempSync(join(tmpdir(), "activation-export-"));
	const result = runBuiltCli(["preview", note, "--out", out]);
	assert.equal(result.status, 0, result.stderr);
	return join(out, `${basename(note, ".md")}.html`);
}

function countBlocks(markdown: string): number {
	return markdown.match(/^```activation\s*$/gm)?.length ?? 0;
}

interface PrintedPdf {
	activity: PageActivity;
	pdf: string;
	pages: string[];
}

/**
 * Opens a preview offline, checks that print media puts one loaded image in each block
 * at once, prints it to PDF as Chromium's print does (beforeprint and print media
 * included), and renders the PDF's pages to PNG at 60 dpi.
 */
async function printPreview(
	page: Page,
	file: string,
	blocks: number,
	name: string,
): Promise<PrintedPdf> {
	const activity = await openOffline(page, file);
	await page.waitForFunction(() => window.activationCharts !== undefined);

	await page.emulateMedia({ media: "print" });
	await page.waitForFunction(
		(count) =>
			document.querySelectorAll("img.activation-print-image").length === count,
		blocks,
		{ timeout: 20_000 },
	);
	const inBlocks = await page.evaluate(() =>
		Array.from(document.querySelectorAll("div.activation-block")).map(
			(block) => block.querySelectorAll("img.activation-print-image").length,
		),
	);
	assert.deepEqual(inBlocks, new Array<number>(blocks).fill(1));
	const blue = await countPrintedImageColour(page, BLUE);
	blue.forEach((pixels, index) => {
		assert.ok(
			pixels >= MIN_IMAGE_CURVE_PIXELS,
			`printed image ${index} has ${pixels} blue pixels`,
		);
	});
	await page.screenshot({
		path: outputPath(`${name}-print-media.png`),
		fullPage: true,
	});
	// Back to no emulation, because page.pdf keeps an emulated screen medium. Printing then
	// swaps the images in through beforeprint and the print media query, as a browser does.
	await page.emulateMedia({ media: null });
	await page.waitForFunction(
		() => document.querySelectorAll("img.activation-print-image").length === 0,
	);

	const pdf = join(
		mkdtempSync(join(tmpdir(), "activation-pdf-")),
		`${name}.pdf`,
	);
	await page.pdf({ path: pdf, format: "A4", printBackground: true });
	const pages = pdfToPngPages(pdf, 60);
	// Pages of an earlier, longer run would otherwise stay next to this run's pages.
	for (const old of readdirSync(outputPath())) {
		if (old.startsWith(`${name}-page-`)) {
			rmSync(outputPath(old));
		}
	}
	pages.forEach((png, index) =>
		copyFileSync(png, outputPath(`${name}-page-${index + 1}.png`)),
	);
	return { activity, pdf, pages };
}

async function sumPageColour(
	pages: string[],
	rgb: [number, number, number],
): Promise<number> {
	let total = 0;
	for (const png of pages) {
		total += await countPngColour(png, rgb);
	}
	return total;
}

void test("example note prints every chart", async () => {
	const blocks = countBlocks(readFileSync(EXAMPLE_NOTE, "utf8"));
	assert.ok(blocks >= 7, `the example note has ${blocks} activation blocks`);
	const page = await browser.newPage({
		viewport: { width: 1000, height: 800 },
	});
	const { activity, pdf, pages } = await printPreview(
		page,
		writePreview(EXAMPLE_NOTE),
		blocks,
		"export-pdf-example",
	);

	const images = pdfImages(pdf).filter(
		(image) => image.width === PRINTED_IMAGE_WIDTH,
	);
	assert.equal(images.length, blocks, JSON.stringify(pdfImages(pdf)));
	assert.ok(pages.length >= 2, `the PDF has ${pages.length} pages`);
	const blue = await sumPageColour(pages, BLUE);
	assert.ok(
		blue >= blocks * MIN_PAGE_CURVE_PIXELS_PER_CHART,
		`the PDF pages have ${blue} blue pixels`,
	);
	const orange = await sumPageColour(pages, ORANGE);
	assert.ok(
		orange >= MIN_PAGE_CURVE_PIXELS_PER_CHART,
		`the PDF pages have ${orange} orange pixels (tanh in the overlay)`,
	);
	assert.deepEqual(activity.requests, []);
	assert.deepEqual(activity.errors, []);
	await page.close();
});

void test("twelve blocks print twelve charts", async () => {
	const folder = mkdtempSync(join(tmpdir(), "activation-twelve-"));
	const note = join(folder, "Twelve charts.md");
	writeFileSync(note, generatedNote(12));
	const page = await browser.newPage({
		viewport: { width: 1000, height: 800 },
	});
	const { activity, pdf, pages } = await printPreview(
		page,
		writePreview(note),
		12,
		"export-pdf-twelve",
	);

	const images = pdfImages(pdf).filter(
		(image) => image.width === PRINTED_IMAGE_WIDTH,
	);
	assert.equal(images.length, 12, JSON.stringify(pdfImages(pdf)));
	for (const [index, png] of pages.entries()) {
		const blue = await countPngColour(png, BLUE);
		const charts = images.filter((image) => image.page === index + 1).length;
		assert.ok(
			blue >= charts * MIN_PAGE_CURVE_PIXELS_PER_CHART,
			`page ${index + 1} holds ${charts} charts but ${blue} blue pixels`,
		);
	}
	assert.deepEqual(activity.requests, []);
	await page.close();
});

void test("printed table equals screen table", async () => {
	const page = await browser.newPage({
		viewport: { width: 1000, height: 800 },
	});
	await openOffline(page, writePreview(EXAMPLE_NOTE));
	// The first block with `at` points, scrolled into view so that its live chart draws.
	const block = await page.evaluate(() =>
		Array.from(document.querySelectorAll("div.activation-block")).findIndex(
			(candidate) =>
				/^at:/m.test(
					candidate.querySelector("pre.activation-source")?.textContent ?? "",
				),
		),
	);
	assert.ok(block >= 0, "the example note has a block with at points");
	await page
		.locator("div.activation-block")
		.nth(block)
		.scrollIntoViewIfNeeded();
	await page.waitForFunction((index) => {
		const table = document
			.querySelectorAll("div.activation-block")
			[index]?.querySelector<HTMLTableElement>(
				".activation-chart > .activation-marks",
			);
		return table !== null && table !== undefined && !table.hidden;
	}, block);
	const onScreen = await page.evaluate((index) => {
		const table = document
			.querySelectorAll("div.activation-block")
			[index]?.querySelector<HTMLTableElement>(
				".activation-chart > .activation-marks",
			);
		const rows = Array.from(table?.rows ?? []).map((row) =>
			Array.from(row.cells).map((cell) => cell.textContent),
		);
		return { block: index, rows };
	}, block);
	assert.ok(onScreen.rows.length >= 2, JSON.stringify(onScreen));

	await page.emulateMedia({ media: "print" });
	await page.waitForFunction(
		() => document.querySelectorAll(".activation-printing").length > 0,
	);
	const printed = await page.evaluate((index) => {
		const block = document.querySelectorAll("div.activation-block")[index];
		const table = block?.querySelector<HTMLTableElement>(
			".activation-print .activation-marks",
		);
		const live = block?.querySelector<HTMLTableElement>(
			".activation-chart > .activation-marks",
		);
		return {
			rows: Array.from(table?.rows ?? []).map((row) =>
				Array.from(row.cells).map((cell) => cell.textContent),
			),
			liveShown:
				live === null || live === undefined
					? false
					: getComputedStyle(live).display !== "none",
		};
	}, onScreen.block);
	assert.deepEqual(printed.rows, onScreen.rows);
	assert.equal(printed.liveShown, false);
	await page.close();
});
