import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadImage } from "@napi-rs/canvas";
import type { Browser } from "playwright-core";
import { loadCanvasModule, StaticCharts } from "../../src/cli/static/render";
import { AUTOMATIC_GRADIENT_NOTE } from "../../src/chart/caption";
import { launchChromium, outputPath } from "../helpers/browser";
import { runBuiltCli } from "../cli/cli-run";
import { BLUE, countPrintedImageColour, openOffline, pdfImages } from "./pages";
import { createCanvas } from "@napi-rs/canvas";

const EXAMPLE_NOTE = join("examples", "Activation functions.md");

/** Blue pixels a static chart of one function has at least: its curves at 2x. */
const MIN_CURVE_PIXELS = 1500;

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

function imageSources(html: string): string[] {
	return [
		...html.matchAll(
			/<img class="activation-print-image"[^>]* src="(data:image\/png;base64,[^"]+)"/g,
		),
	].map((match) => match[1] ?? "");
}

/** Decodes a PNG data URL and returns its size and the colour of the pixel at (x, y). */
async function decode(
	url: string,
	x: number,
	y: number,
): Promise<{ width: number; height: number; pixel: number[] }> {
	const image = await loadImage(
		Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64"),
	);
	const canvas = createCanvas(image.width, image.height);
	const context = canvas.getContext("2d");
	context.drawImage(image, 0, 0);
	return {
		width: image.width,
		height: image.height,
		pixel: Array.from(context.getImageData(x, y, 1, 1).data),
	};
}

void test("static block draws PNG chart", async () => {
	const charts = new StaticCharts(await loadCanvasModule(), {
		theme: "light",
		typeset: null,
	});
	const html = charts.blockHtml(
		"function: prelu\nparams:\n  alpha: 0.25\nat: [1]",
	);
	const [source] = imageSources(html);
	assert.ok(source !== undefined, html.slice(0, 300));
	const decoded = await decode(source, 2, 2);
	assert.equal(decoded.width, 1400);
	assert.deepEqual(decoded.pixel, [255, 255, 255, 255]);
	assert.match(
		html,
		/<div class="activation-print-parameters">alpha = 0\.25<\/div>/,
	);
	assert.match(html, /<td>1<\/td><td>1<\/td><td>1<\/td>/);
	assert.doesNotMatch(html, /<script|<input|<button/);
});

void test("static dark theme fills background", async () => {
	const charts = new StaticCharts(await loadCanvasModule(), {
		theme: "dark",
		typeset: null,
	});
	const [source] = imageSources(charts.blockHtml("tanh"));
	assert.ok(source !== undefined);
	const decoded = await decode(source, 2, 2);
	assert.deepEqual(decoded.pixel, [0x1e, 0x1e, 0x1e, 255]);
});

void test("static caption matches live caption", async () => {
	const charts = new StaticCharts(await loadCanvasModule(), {
		theme: "light",
		typeset: null,
	});
	const html = charts.blockHtml(
		"function: ['x * tanh(x)', 'softplus(x, 2)']\ncaption: true",
	);
	// The expression's gradient is a formula; softplus with a parameter gets the line.
	assert.match(html, /f&#39;\(x\) = \\tanh|f'\(x\) = \\tanh/);
	assert.equal(html.split(AUTOMATIC_GRADIENT_NOTE).length, 2);
});

void test("static bad block shows error", async () => {
	const charts = new StaticCharts(await loadCanvasModule(), {
		theme: "light",
		typeset: null,
	});
	const html = charts.blockHtml("switch");
	assert.equal(imageSources(html).length, 0);
	assert.match(
		html,
		/line 1: unknown activation &#39;switch&#39;|line 1: unknown activation 'switch'/,
	);
	assert.match(html, /did you mean/);
	assert.match(html, /<pre class="activation-error-line">switch<\/pre>/);
});

void test("static preview needs no script", async () => {
	const out = mkdtempSync(join(tmpdir(), "activation-static-"));
	const result = runBuiltCli([
		"preview",
		EXAMPLE_NOTE,
		"--out",
		out,
		"--static",
	]);
	assert.equal(result.status, 0, result.stderr);
	const file = join(out, "Activation functions.html");
	const html = readFileSync(file, "utf8");
	const blocks =
		readFileSync(EXAMPLE_NOTE, "utf8").match(/^```activation\s*$/gm)?.length ??
		0;
	assert.doesNotMatch(html, /<script/i);
	assert.equal(imageSources(html).length, blocks);

	const page = await browser.newPage({
		viewport: { width: 1000, height: 800 },
	});
	const activity = await openOffline(page, file);
	const blue = await countPrintedImageColour(page, BLUE);
	assert.equal(blue.length, blocks);
	blue.forEach((pixels, index) => {
		assert.ok(
			pixels >= MIN_CURVE_PIXELS,
			`static image ${index} has ${pixels} blue pixels`,
		);
	});
	await page.screenshot({
		path: outputPath("export-static-example.png"),
		fullPage: true,
	});
	const pdf = join(out, "static.pdf");
	await page.pdf({ path: pdf, format: "A4" });
	assert.equal(
		pdfImages(pdf).filter((image) => image.width === 1400).length,
		blocks,
	);
	assert.deepEqual(activity.requests, []);
	assert.deepEqual(activity.errors, []);
	await page.close();
});
