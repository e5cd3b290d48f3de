import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { runBuiltCli } from "./cli-run";
// Declares window.activationCharts, which the preview runtime sets.
import type {} from "../../src/chart/preview-runtime";

const EXAMPLE_NOTE = join("examples", "Activation functions.md");

/** Pixels a drawn chart panel has at least: axes, grid, tick labels and a curve. */
const MIN_DRAWN_PIXELS = 2000;

/** Pixels of a series colour (not grey) a panel has at least: its curves. */
const MIN_CURVE_PIXELS = 150;

interface CanvasReport {
	block: number;
	width: number;
	height: number;
	drawn: number;
	coloured: number;
}

function writePreview(theme: "light" | "dark"): string {
	const out = mkdtempSync(join(tmpdir(), "activation-preview-"));
	const result = runBuiltCli([
		"preview",
		EXAMPLE_NOTE,
		"--out",
		out,
		"--theme",
		theme,
	]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stderr, "");
	return join(out, "Activation functions.html");
}

/**
 * Opens `file` with every non-file request aborted and recorded, and every console
 * error and page error recorded, so that tests can require none.
 */
async function openOffline(
	page: Page,
	file: string,
): Promise<{ requests: string[]; errors: string[] }> {
	const requests: string[] = [];
	const errors: string[] = [];
	await page.route("**/*", async (route) => {
		const url = route.request().url();
		if (url.startsWith("file:") || url.startsWith("data:")) {
			await route.continue();
			return;
		}
		requests.push(url);
		await route.abort();
	});
	page.on("request", (request) => {
		const url = request.url();
		if (
			!url.startsWith("file:") &&
			!url.startsWith("data:") &&
			!requests.includes(url)
		) {
			requests.push(url);
		}
	});
	page.on("console", (message) => {
		if (message.type() === "error" || message.type() === "warning") {
			errors.push(message.text());
		}
	});
	page.on("pageerror", (error) => errors.push(error.message));

	await page.goto(pathToFileURL(file).href);
	return { requests, errors };
}

/** Scrolls down the page step by step, so that charts that draw on sight are drawn. */
async function scrollThrough(page: Page): Promise<void> {
	const height = await page.evaluate(
		() => document.documentElement.scrollHeight,
	);
	for (let y = 0; y <= height; y += 300) {
		await page.evaluate((top) => window.scrollTo(0, top), y);
		await page.waitForTimeout(60);
	}
	await page.evaluate(() => window.scrollTo(0, 0));
}

/** Counts, per canvas of every activation block, the drawn and the coloured pixels. */
async function measureCanvases(
	page: Page,
): Promise<{ blocks: number; canvases: CanvasReport[] }> {
	return page.evaluate(() => {
		const blocks = Array.from(
			document.querySelectorAll("div.activation-block"),
		);
		const canvases: CanvasReport[] = [];
		blocks.forEach((block, index) => {
			for (const canvas of Array.from(block.querySelectorAll("canvas"))) {
				const context = canvas.getContext("2d");
				if (context === null || canvas.width === 0 || canvas.height === 0) {
					canvases.push({
						block: index,
						width: canvas.width,
						height: canvas.height,
						drawn: 0,
						coloured: 0,
					});
					continue;
				}
				const data = context.getImageData(
					0,
					0,
					canvas.width,
					canvas.height,
				).data;
				let drawn = 0;
				let coloured = 0;
				for (let i = 0; i < data.length; i += 4) {
					const alpha = data[i + 3] ?? 0;
					if (alpha < 32) {
						continue;
					}
					drawn += 1;
					const r = data[i] ?? 0;
					const g = data[i + 1] ?? 0;
					const b = data[i + 2] ?? 0;
					if (Math.max(r, g, b) - Math.min(r, g, b) > 60 && alpha > 128) {
						coloured += 1;
					}
				}
				canvases.push({
					block: index,
					width: canvas.width,
					height: canvas.height,
					drawn,
					coloured,
				});
			}
		});
		return { blocks: blocks.length, canvases };
	});
}

/**
 * Waits until every activation block holds a canvas, and reports the page's errors when
 * that does not happen, because a script error is then the usual cause.
 */
async function waitForCharts(page: Page, errors: string[]): Promise<void> {
	try {
		await page.waitForFunction(
			() => window.activationCharts !== undefined,
			undefined,
			{
				timeout: 10_000,
			},
		);
		await page.evaluate(async () => {
			await window.activationCharts?.ready;
		});
		await page.waitForFunction(
			() =>
				Array.from(document.querySelectorAll("div.activation-block")).every(
					(block) => block.querySelector("canvas") !== null,
				),
			undefined,
			{ timeout: 15_000 },
		);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`charts did not appear (${reason}); page errors: ${JSON.stringify(errors)}`,
		);
	}
	// Chart.js animates the first drawing; a few frames more let it finish.
	await page.waitForTimeout(1500);
}

void test("example note preview draws every chart", async () => {
	const file = writePreview("light");
	const markdown = readFileSync(EXAMPLE_NOTE, "utf8");
	const expectedBlocks = markdown.match(/^```activation$/gm)?.length ?? 0;
	assert.ok(
		expectedBlocks >= 6,
		`the example note has only ${expectedBlocks} activation blocks`,
	);

	const browser = await launchChromium();
	try {
		const page = await browser.newPage({
			viewport: { width: 1000, height: 900 },
		});
		const { requests, errors } = await openOffline(page, file);
		await scrollThrough(page);
		await waitForCharts(page, errors);

		const { blocks, canvases } = await measureCanvases(page);
		assert.equal(blocks, expectedBlocks);
		for (let block = 0; block < blocks; block++) {
			const own = canvases.filter((canvas) => canvas.block === block);
			assert.ok(own.length >= 1, `block ${block} has no canvas`);
			for (const canvas of own) {
				assert.ok(
					canvas.drawn >= MIN_DRAWN_PIXELS,
					`block ${block}: ${JSON.stringify(canvas)}`,
				);
				assert.ok(
					canvas.coloured >= MIN_CURVE_PIXELS,
					`block ${block}: ${JSON.stringify(canvas)}`,
				);
			}
		}

		const math = await page.evaluate(() =>
			Array.from(document.querySelectorAll("main mjx-container svg")).map(
				(svg) => svg.getBoundingClientRect().width,
			),
		);
		assert.ok(math.length >= 20, `only ${math.length} formulas`);
		assert.ok(
			math.every((width) => width > 0),
			"a formula has no width",
		);

		// gelu and swish have caption: true, so each shows f(x) and f'(x) typeset.
		const captions = await page.evaluate(() => ({
			svg: document.querySelectorAll(".activation-caption svg").length,
			tex: document.querySelectorAll(".activation-caption code").length,
		}));
		assert.equal(captions.svg, 4);
		assert.equal(captions.tex, 0);

		assert.deepEqual(requests, []);
		assert.deepEqual(errors, []);

		await page.screenshot({
			path: outputPath("preview-example-light.png"),
			fullPage: true,
		});
		await page.screenshot({
			path: outputPath("preview-example-top.png"),
			clip: { x: 0, y: 0, width: 1000, height: 1300 },
			fullPage: true,
		});
	} finally {
		await browser.close();
	}
});

void test("dark preview uses dark theme", async () => {
	const file = writePreview("dark");
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({
			viewport: { width: 900, height: 900 },
		});
		const { requests, errors } = await openOffline(page, file);
		await scrollThrough(page);
		await waitForCharts(page, errors);

		const background = await page.evaluate(
			() => getComputedStyle(document.body).backgroundColor,
		);
		assert.equal(background, "rgb(30, 30, 30)");
		const { canvases } = await measureCanvases(page);
		assert.ok(canvases.length > 0);
		assert.ok(canvases.every((canvas) => canvas.coloured >= MIN_CURVE_PIXELS));
		assert.deepEqual(requests, []);
		assert.deepEqual(errors, []);
		await page.screenshot({
			path: outputPath("preview-example-dark.png"),
			fullPage: true,
		});
	} finally {
		await browser.close();
	}
});

void test("long caption scrolls inside block", async () => {
	const folder = mkdtempSync(join(tmpdir(), "activation-caption-"));
	const note = join(folder, "Captions.md");
	writeFileSync(
		note,
		[
			"# Captions",
			"",
			"```activation",
			"function: 'x * sigmoid(beta * x) + x^2 * tanh(beta * x) / (1 + abs(x))'",
			"params: {beta: 1.5}",
			"caption: true",
			"```",
			"",
		].join("\n"),
	);
	const result = runBuiltCli(["preview", note, "--out", folder]);
	assert.equal(result.status, 0, result.stderr);
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({
			viewport: { width: 420, height: 900 },
		});
		const { errors } = await openOffline(page, join(folder, "Captions.html"));
		await waitForCharts(page, errors);
		const widths = await page.evaluate(() => {
			const formulas = Array.from(
				document.querySelectorAll(".activation-caption-formula"),
			);
			return {
				page: document.documentElement.scrollWidth,
				viewport: document.documentElement.clientWidth,
				widestFormula: Math.max(...formulas.map((node) => node.scrollWidth)),
				widestBox: Math.max(...formulas.map((node) => node.clientWidth)),
			};
		});
		// The gradient's formula is wider than the pane, so it must scroll in its box.
		assert.ok(
			widths.widestFormula > widths.viewport,
			`the widest formula is ${widths.widestFormula} px in a ${widths.viewport} px page`,
		);
		assert.ok(widths.widestBox <= widths.viewport, JSON.stringify(widths));
		assert.equal(widths.page, widths.viewport, JSON.stringify(widths));
		assert.deepEqual(errors, []);
		await page.screenshot({
			path: outputPath("preview-caption-narrow.png"),
			fullPage: true,
		});
	} finally {
		await browser.close();
	}
});
