import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import {
	block,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
	STILL,
} from "../obsidian/harness";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

/** What the plugin wrote to the clipboard stand-in: text, or the blobs of clipboard items by type. */
type ClipboardWrite = { text: string } | { items: Record<string, Blob>[] };

declare global {
	interface Window {
		clipboardWrites: ClipboardWrite[];
	}
}

/**
 * Replaces the clipboard with a recorder. The test page is about:blank, which is no secure
 * context, so Chromium offers it no navigator.clipboard and no ClipboardItem.
 */
async function recordClipboard(page: Page): Promise<void> {
	// A script as text, because tsx would wrap a class in the evaluated function with a
	// helper that the page does not have.
	await page.addScriptTag({
		content: `
			window.clipboardWrites = [];
			Object.defineProperty(navigator, "clipboard", {
				configurable: true,
				value: {
					writeText: async (text) => { window.clipboardWrites.push({ text }); },
					write: async (items) => { window.clipboardWrites.push({ items: items.map((item) => item.data) }); },
				},
			});
			Object.defineProperty(window, "ClipboardItem", {
				configurable: true,
				value: class { constructor(data) { this.data = data; } },
			});
		`,
	});
}

/** Opens a note with one block, records the clipboard, and touches the chart as a click does. */
async function openTouchedChart(body: string): Promise<Page> {
	const page = await openObsidianPage(browser);
	await recordClipboard(page);
	await openNote(page, { text: block(body), data: STILL });
	await page.waitForSelector("#note canvas");
	await page
		.locator("#note .activation-chart")
		.first()
		.dispatchEvent("pointerdown");
	return page;
}

void test("copy data command writes CSV", async () => {
	const page = await openTouchedChart("function: relu\nsamples: 3");
	const ran = await page.evaluate(() =>
		window.standIn.app.executeCommandById("activation-charts:copy-chart-csv"),
	);
	assert.equal(ran, true);
	await page.waitForFunction(() => window.clipboardWrites.length > 0);
	const writes = await page.evaluate(() => window.clipboardWrites);
	assert.deepEqual(writes, [{ text: "x,f(x),f'(x)\n-8,0,0\n0,0,0\n8,8,1\n" }]);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("copy data command writes Markdown", async () => {
	const page = await openTouchedChart("function: relu\nsamples: 3");
	await page.evaluate(() =>
		window.standIn.app.executeCommandById(
			"activation-charts:copy-chart-markdown",
		),
	);
	await page.waitForFunction(() => window.clipboardWrites.length > 0);
	const writes = await page.evaluate(() => window.clipboardWrites);
	assert.deepEqual(writes, [
		{
			text: "| x | f(x) | f'(x) |\n| ---: | ---: | ---: |\n| -8 | 0 | 0 |\n| 0 | 0 | 0 |\n| 8 | 8 | 1 |\n",
		},
	]);
	await page.close();
});

void test("copy PNG command writes image", async () => {
	const page = await openTouchedChart("tanh");
	await page.evaluate(() =>
		window.standIn.app.executeCommandById("activation-charts:copy-chart-png"),
	);
	await page.waitForFunction(() => window.clipboardWrites.length > 0);
	const image = await page.evaluate(async () => {
		const [write] = window.clipboardWrites;
		if (write === undefined || !("items" in write))
			throw new Error("no clipboard item was written");
		const [item] = write.items;
		const blob = item?.["image/png"];
		if (blob === undefined) throw new Error("the clipboard item has no PNG");
		const bitmap = await createImageBitmap(blob);
		const width =
			document.querySelector<HTMLElement>("#note .activation-chart")
				?.clientWidth ?? 0;
		return {
			types: Object.keys(item ?? {}),
			blobType: blob.type,
			width: bitmap.width,
			chartWidth: width,
			ratio: window.devicePixelRatio,
		};
	});
	assert.deepEqual(image.types, ["image/png"]);
	assert.equal(image.blobType, "image/png");
	assert.equal(image.width, 2 * image.ratio * image.chartWidth);
	await page.close();
});

void test("save PNG command creates attachment", async () => {
	const page = await openTouchedChart(
		'function: relu\ntitle: "relu: rectifier"',
	);
	// The stand-in has no attachment folder setting, so this records the two vault calls.
	await page.addScriptTag({
		content: `
			window.savedAttachments = [];
			window.standIn.app.fileManager = {
				getAvailablePathForAttachment: async (name, sourcePath) => "Attachments/" + name + " for " + sourcePath,
			};
			window.standIn.app.vault.createBinary = async (path, data) => {
				window.savedAttachments.push({ path, bytes: Array.from(new Uint8Array(data).slice(0, 8)), size: data.byteLength });
			};
		`,
	});
	await page.evaluate(() =>
		window.standIn.app.executeCommandById("activation-charts:save-chart-png"),
	);
	await page.waitForFunction(
		() =>
			(window as unknown as { savedAttachments: unknown[] }).savedAttachments
				.length > 0,
	);
	const saved = await page.evaluate(
		() =>
			(
				window as unknown as {
					savedAttachments: { path: string; bytes: number[]; size: number }[];
				}
			).savedAttachments,
	);
	assert.equal(saved.length, 1);
	assert.equal(
		saved[0]?.path,
		"Attachments/relu- rectifier.png for Notes/Activations.md",
	);
	assert.deepEqual(
		saved[0]?.bytes,
		[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	);
	assert.ok(
		(saved[0]?.size ?? 0) > 10_000,
		`the PNG has ${saved[0]?.size} bytes`,
	);
	await page.close();
});
