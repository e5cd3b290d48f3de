import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { outputPath } from "../helpers/browser";
import {
	MANIFEST,
	STILL,
	block,
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

void test("pop-out window draws in its document", async () => {
	const page = await openObsidianPage(browser, { width: 1000, height: 900 });
	const text = block("function: softplus\nx: [-5, 5]");
	const result = await page.evaluate(
		async ({ manifest, text }) => {
			const { standIn } = window;
			standIn.app.vault.addNote("Pop-out.md", text);
			standIn.app.pluginData.set(
				manifest.id,
				JSON.stringify({ animate: false }),
			);
			await standIn.loadPlugin(window.ActivationChartsModule.default, manifest);

			const frame = document.body.createEl("iframe");
			frame.setAttribute("width", "900");
			frame.setAttribute("height", "420");
			const popout = frame.contentWindow as (Window & typeof window) | null;
			if (popout === null) throw new Error("the iframe has no window");
			for (const style of Array.from(document.querySelectorAll("style"))) {
				popout.document.head.appendChild(
					popout.document.importNode(style, true),
				);
			}
			popout.document.body.className = "theme-dark";
			standIn.installWindow(popout);
			standIn.renderNote(popout.document.body.createDiv(), "Pop-out.md");
			await standIn.frames(3, popout);

			const canvases = Array.from(popout.document.querySelectorAll("canvas"));
			return {
				canvases: canvases.length,
				sizes: canvases.map((canvas) => `${canvas.width}x${canvas.height}`),
				ownDocument: canvases.every(
					(canvas) => canvas.ownerDocument === popout.document,
				),
				inked: standIn.inkedCanvases(popout.document),
				inMainDocument: document.querySelectorAll("canvas").length,
				charts: standIn.tracker.liveCharts(),
			};
		},
		{ manifest: MANIFEST, text },
	);
	await page.screenshot({ path: outputPath("obsidian-popout-dark.png") });
	const unloaded = await page.evaluate(() => {
		const { standIn } = window;
		standIn.plugins[0]?.unload();
		return {
			charts: standIn.tracker.liveCharts(),
			listeners: standIn.tracker.liveListeners(),
			observers: standIn.tracker.liveObservers(),
		};
	});
	assert.equal(result.canvases, 2);
	assert.equal(result.ownDocument, true);
	assert.equal(
		result.inked,
		2,
		`drawn canvases of sizes ${result.sizes.join(", ")}`,
	);
	assert.equal(result.inMainDocument, 0);
	assert.equal(result.charts, 2);
	assert.equal(unloaded.charts, 0);
	assert.deepEqual(unloaded.listeners, {});
	assert.deepEqual(unloaded.observers, {});
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("print container draws without scrolling", async () => {
	const page = await openObsidianPage(browser, { width: 1000, height: 600 });
	const params =
		"function: leaky_relu\nparams:\n  negative_slope: {value: 0.2, min: 0, max: 1}";
	const text = ["# Printed", block(params), block("sigmoid")].join("\n\n");
	// Obsidian's PDF export renders into a hidden container that never scrolls into view.
	await page.addStyleTag({
		content: ".print { position: absolute; top: 4000px; width: 800px; }",
	});
	await openNote(page, { text, print: true });
	const drawn = await page.evaluate(async () => {
		const { standIn } = window;
		await standIn.frames(2);
		const print = document.querySelector(".print");
		if (print === null) throw new Error("no print container");
		const buttons = Array.from(print.querySelectorAll("button")).map(
			(b) => b.textContent,
		);
		// The export draws each chart as a static image, decoded here to check its pixels.
		const images = Array.from(
			print.querySelectorAll<HTMLImageElement>("img.activation-print-image"),
		);
		await Promise.all(images.map((image) => image.decode()));
		const inked = images.filter((image) => {
			const canvas = new OffscreenCanvas(
				image.naturalWidth,
				image.naturalHeight,
			);
			const context = canvas.getContext("2d");
			context?.drawImage(image, 0, 0);
			const pixels = context?.getImageData(
				0,
				0,
				canvas.width,
				canvas.height,
			).data;
			return (
				pixels?.some((value, index) => index % 4 !== 3 && value < 200) ?? false
			);
		});
		return {
			scrollY: window.scrollY,
			inViewport: print.getBoundingClientRect().top < window.innerHeight,
			canvases: print.querySelectorAll("canvas").length,
			images: images.length,
			inked: inked.length,
			buttons,
		};
	});
	assert.equal(drawn.scrollY, 0);
	assert.equal(
		drawn.inViewport,
		false,
		"the print container is below the viewport",
	);
	assert.equal(drawn.canvases, 0);
	assert.equal(drawn.images, 2);
	assert.equal(drawn.inked, 2);
	assert.ok(
		!drawn.buttons.includes("Save parameters to note"),
		"printing offers no save",
	);
	await page.evaluate(() => document.querySelector(".print")?.scrollIntoView());
	await page.screenshot({ path: outputPath("obsidian-print.png") });
	await page.close();
});

void test("long note draws blocks when scrolled", async () => {
	const page = await openObsidianPage(browser, { width: 1000, height: 800 });
	const names = ["relu", "tanh", "sigmoid", "gelu", "elu"];
	const blocks: string[] = [];
	for (let index = 0; index < 100; index++) {
		blocks.push(
			`Paragraph ${index}.`,
			block(names[index % names.length] ?? "relu"),
		);
	}
	await openNote(page, { text: blocks.join("\n\n"), data: STILL });

	const drawnBlocks = () =>
		page.evaluate(async () => {
			const { standIn } = window;
			await standIn.frames(3);
			const all = Array.from(
				document.querySelectorAll(".block-language-activation"),
			);
			return {
				total: all.length,
				drawn: all.filter((el) => standIn.inkedCanvases(el) > 0).length,
				charts: standIn.tracker.liveCharts(),
			};
		});

	const first = await drawnBlocks();
	assert.equal(first.total, 100);
	assert.ok(first.drawn > 0, "the blocks in view are drawn");
	assert.ok(
		first.drawn < 15,
		`only blocks near the viewport are drawn at first, got ${first.drawn}`,
	);

	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
	const middle = await drawnBlocks();
	assert.ok(
		middle.drawn > first.drawn,
		`scrolling draws more: ${first.drawn} then ${middle.drawn}`,
	);
	assert.ok(middle.drawn < 100);

	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	const last = await drawnBlocks();
	assert.ok(last.drawn > middle.drawn);
	const lastBlockDrawn = await page.evaluate(() => {
		const all = document.querySelectorAll(".block-language-activation");
		const lastBlock = all[all.length - 1];
		return lastBlock === undefined
			? 0
			: window.standIn.inkedCanvases(lastBlock);
	});
	assert.ok(lastBlockDrawn > 0, "the last block is drawn once scrolled to");
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});
