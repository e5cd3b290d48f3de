import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { openChartPage } from "../chart/page";

/** Obsidian's light-theme blue, the first series colour. */
const BLUE: [number, number, number] = [0x08, 0x6d, 0xdd];

/** Blue pixels a printed image of one function has at least: its value and gradient curves at 2x. */
const MIN_CURVE_PIXELS = 1500;

const TWELVE_BLOCKS = [
	"relu",
	"function: prelu\nparams:\n  alpha: {value: 0.25, min: 0, max: 1, step: 0.05}",
	"function: sigmoid\nat: [0]",
	"tanh",
	"function: [sigmoid, tanh]\nlayout: overlay",
	"function: gelu\ncaption: true",
	"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]",
	"function: elu\nlayout: stacked\nat: [-1, 1]",
	"softplus",
	"function: hardtanh\nshow: value",
	"mish",
	"function: leaky_relu\nparams: {negative_slope: 0.1}",
];

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

async function openPage(body: string): Promise<Page> {
	return openChartPage(browser, join("tests", "export", "harness.ts"), {
		body,
		width: 900,
		height: 700,
	});
}

void test("print container draws images at once", async () => {
	const page = await openPage('<div class="print"><div id="root"></div></div>');
	const report = await page.evaluate((sources) => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		window.exportHarness.mount(root, sources, false);
		// Counted in the same task as the mount: nothing may wait for a frame or for visibility.
		return {
			images: root.querySelectorAll("img.activation-print-image").length,
			canvases: root.querySelectorAll("canvas").length,
			controls: root.querySelectorAll(".activation-controls, button, input")
				.length,
			parameters: Array.from(
				root.querySelectorAll(".activation-print-parameters"),
			).map((node) => node.textContent),
			marks: Array.from(root.querySelectorAll(".activation-marks")).map(
				(table) => table.textContent,
			),
		};
	}, TWELVE_BLOCKS);
	assert.equal(report.images, 12);
	assert.equal(report.canvases, 0);
	assert.equal(report.controls, 0);
	assert.deepEqual(report.parameters, [
		"alpha = 0.25",
		"beta = 1",
		"negative_slope = 0.1",
	]);
	assert.ok(
		report.marks.includes("xf(x)f'(x)00.50.25"),
		JSON.stringify(report.marks),
	);

	const pixels = await page.evaluate(
		async ({ blue }) => {
			const images = Array.from(
				document.querySelectorAll<HTMLImageElement>(
					"img.activation-print-image",
				),
			);
			await Promise.all(images.map((image) => image.decode()));
			return images.map((image) => ({
				width: image.naturalWidth,
				blue: window.exportHarness.countImageColour(image, blue),
			}));
		},
		{ blue: BLUE },
	);
	for (const [index, image] of pixels.entries()) {
		assert.equal(
			image.width,
			1400,
			`image ${index} is ${image.width} pixels wide`,
		);
		assert.ok(
			image.blue >= MIN_CURVE_PIXELS,
			`image ${index} has ${image.blue} blue pixels`,
		);
	}
	await page.screenshot({
		path: outputPath("export-print-container.png"),
		fullPage: true,
	});
	await page.close();
});

void test("print media swaps images in", async () => {
	// The third block starts far below the viewport, so its live chart is never drawn.
	const page = await openPage(
		'<div id="root"></div><div id="spacer" style="height: 3000px"></div><div id="late"></div>',
	);
	await page.evaluate(() => {
		const root = document.getElementById("root");
		const late = document.getElementById("late");
		if (root === null || late === null) throw new Error("missing containers");
		window.exportHarness.mount(
			root,
			[
				"function: sigmoid\nat: [0, 2]",
				"function: prelu\nparams:\n  alpha: {value: 0.25, min: 0, max: 1}",
			],
			false,
		);
		window.exportHarness.mount(late, ["function: tanh\nat: [1]"], false);
	});
	await page.waitForFunction(
		() => document.querySelectorAll("#root canvas").length === 4,
	);
	const onScreen = await page.evaluate(
		() => document.querySelector("#root .activation-marks")?.textContent ?? "",
	);
	assert.equal(await page.locator("img.activation-print-image").count(), 0);

	await page.emulateMedia({ media: "print" });
	await page.waitForFunction(
		() => document.querySelectorAll("img.activation-print-image").length === 3,
	);
	const printed = await page.evaluate(() => ({
		swapped: document.querySelectorAll(".activation-printing").length,
		marks:
			document.querySelector("#root .activation-print .activation-marks")
				?.textContent ?? "",
		lateMarks:
			document.querySelector("#late .activation-print .activation-marks")
				?.textContent ?? "",
		lateCanvases: document.querySelectorAll("#late canvas").length,
		parameters:
			document.querySelector(".activation-print-parameters")?.textContent ?? "",
	}));
	assert.equal(printed.swapped, 3);
	assert.equal(printed.marks, onScreen);
	assert.match(onScreen, /^xf\(x\)f'\(x\)00\.50\.25/);
	assert.equal(printed.lateMarks, "xf(x)f'(x)10.7615940.419974");
	assert.equal(printed.lateCanvases, 0);
	assert.equal(printed.parameters, "alpha = 0.25");

	await page.emulateMedia({ media: "screen" });
	await page.waitForFunction(
		() => document.querySelectorAll(".activation-printing").length === 0,
	);
	const restored = await page.evaluate(() => ({
		images: document.querySelectorAll("img.activation-print-image").length,
		swapped: document.querySelectorAll(".activation-printing").length,
		canvases: document.querySelectorAll("#root canvas").length,
	}));
	assert.deepEqual(restored, { images: 0, swapped: 0, canvases: 4 });
	await page.close();
});

void test("snapshot doubles pixels with background", async () => {
	const page = await openPage('<div id="root" style="width: 640px"></div>');
	const result = await page.evaluate(() => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		const [view] = window.exportHarness.mount(root, [
			"function: relu\ntitle: rectifier",
		]);
		const canvas = view?.snapshot(2);
		if (canvas === null || canvas === undefined) throw new Error("no snapshot");
		const corner = canvas.getContext("2d")?.getImageData(1, 1, 1, 1).data;
		return {
			width: canvas.width,
			elementWidth: view?.element.clientWidth ?? 0,
			corner: Array.from(corner ?? []),
			url: canvas.toDataURL("image/png"),
		};
	});
	assert.equal(result.width, 2 * result.elementWidth);
	assert.deepEqual(result.corner, [255, 255, 255, 255]);
	const png = Buffer.from(
		result.url.replace(/^data:image\/png;base64,/, ""),
		"base64",
	);
	const { writeFileSync } = await import("node:fs");
	writeFileSync(outputPath("export-snapshot-relu.png"), png);
	await page.close();
});

void test("snapshot encodes as PNG blob", async () => {
	const page = await openPage('<div id="root" style="width: 500px"></div>');
	const result = await page.evaluate(async () => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		const [view] = window.exportHarness.mount(root, [
			"function: [sigmoid, tanh]\nlayout: overlay",
		]);
		const canvas = view?.snapshot(window.exportHarness.exportScale(root));
		if (canvas === null || canvas === undefined) throw new Error("no snapshot");
		const blob = await window.exportHarness.canvasToPng(canvas);
		const bytes = Array.from(
			new Uint8Array(await blob.arrayBuffer()).slice(0, 8),
		);
		const bitmap = await createImageBitmap(blob);
		return {
			type: blob.type,
			bytes,
			width: bitmap.width,
			elementWidth: view?.element.clientWidth ?? 0,
		};
	});
	assert.equal(result.type, "image/png");
	assert.deepEqual(
		result.bytes,
		[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	);
	assert.equal(result.width, 2 * result.elementWidth);
	await page.close();
});

void test("bad block has no snapshot", async () => {
	const page = await openPage('<div id="root"></div>');
	const result = await page.evaluate(() => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		const [view] = window.exportHarness.mount(root, ["switch"]);
		if (view === undefined) throw new Error("no view");
		return {
			snapshot: view.snapshot(2),
			csv: view.samplesText("csv"),
			error: root.querySelector(".activation-error-message")?.textContent ?? "",
		};
	});
	assert.equal(result.snapshot, null);
	assert.equal(result.csv, null);
	assert.match(result.error, /^line 1: unknown activation 'switch'/);
	await page.close();
});
