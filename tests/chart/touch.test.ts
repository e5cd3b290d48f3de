// Touch gestures on a chart, sent as real touch input through the Chrome DevTools Protocol.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type {
	Browser,
	BrowserContext,
	CDPSession,
	Page,
} from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { THEME_CSS, bundle } from "./page";

const ENTRY = "tests/chart/view-harness.ts";
const SAMPLES = 101;
const DOMAIN_WIDTH = 16;

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

interface TouchPage {
	context: BrowserContext;
	page: Page;
	cdp: CDPSession;
	errors: string[];
}

/** Opens a page with touch input and one sigmoid chart of 101 samples over [-8, 8]. */
async function openTouchChart(): Promise<TouchPage> {
	const context = await browser.newContext({
		viewport: { width: 1000, height: 800 },
		deviceScaleFactor: 1,
		hasTouch: true,
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(String(error)));

	await page.setContent(
		'<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div></body></html>',
	);
	await page.addStyleTag({
		content: THEME_CSS + readFileSync("styles.css", "utf8"),
	});
	await page.addScriptTag({ content: await bundle(ENTRY) });

	await page.evaluate((samples) => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		window.viewHarness.mountFake(root, { functions: ["sigmoid"], samples });
	}, SAMPLES);
	await nextFrames(page);

	await page.evaluate(() => {
		window.pointerDowns = [];
		window.addEventListener("pointerdown", (event) =>
			window.pointerDowns.push({
				type: event.pointerType,
				id: event.pointerId,
			}),
		);
	});

	const cdp = await context.newCDPSession(page);
	return { context, page, cdp, errors };
}

declare global {
	interface Window {
		/** Pointer type and id of each pointerdown, to show the input was touch. */
		pointerDowns: { type: string; id: number }[];
	}
}

async function nextFrames(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) =>
				window.requestAnimationFrame(() =>
					window.requestAnimationFrame(() => resolve()),
				),
			),
	);
}

interface Point {
	x: number;
	y: number;
}

/** Sends one touch event with the given fingers down, each finger keeping its id. */
async function touch(
	cdp: CDPSession,
	type: "touchStart" | "touchMove" | "touchEnd",
	fingers: Point[],
): Promise<void> {
	await cdp.send("Input.dispatchTouchEvent", {
		type,
		touchPoints: fingers.map((finger, id) => ({
			x: finger.x,
			y: finger.y,
			id,
		})),
	});
}

/**
 * Moves fingers in a straight line from `from` to `to` in `steps` touchMove events, as
 * a finger on glass reports its path, then lifts them.
 */
async function gesture(
	cdp: CDPSession,
	from: Point[],
	to: Point[],
	steps: number,
): Promise<void> {
	await touch(cdp, "touchStart", from);
	for (let step = 1; step <= steps; step++) {
		const share = step / steps;
		const fingers = from.map((start, index) => {
			const end = to[index] ?? start;
			return {
				x: start.x + (end.x - start.x) * share,
				y: start.y + (end.y - start.y) * share,
			};
		});
		await touch(cdp, "touchMove", fingers);
	}
	await touch(cdp, "touchEnd", []);
}

/** Reads the x range and the value line's x coordinates of each panel, left to right. */
async function panels(page: Page) {
	return page.evaluate(() =>
		Array.from(document.querySelectorAll(".activation-panel canvas")).map(
			(canvas) => {
				const chart = window.viewHarness.Chart.getChart(
					canvas as HTMLCanvasElement,
				);
				if (chart === undefined) throw new Error("a panel has no chart");
				const line = chart.data.datasets[0]?.data as
					{ x: number }[] | undefined;
				return {
					min: chart.scales.x?.min ?? NaN,
					max: chart.scales.x?.max ?? NaN,
					xs: (line ?? []).map((point) => point.x),
				};
			},
		),
	);
}

/** Returns the x value drawn at a page position over the value panel. */
async function xAt(page: Page, pageX: number): Promise<number> {
	return page.evaluate((pageX) => {
		const canvas = document.querySelector<HTMLCanvasElement>(
			".activation-panel canvas",
		);
		const chart =
			canvas === null ? undefined : window.viewHarness.Chart.getChart(canvas);
		if (canvas === null || chart?.scales.x === undefined)
			throw new Error("no value panel");
		const left = canvas.getBoundingClientRect().left;
		return chart.scales.x.getValueForPixel(pageX - left) ?? NaN;
	}, pageX);
}

async function valueCanvasBox(page: Page) {
	const box = await page
		.locator(".activation-panel:nth-child(1) canvas")
		.boundingBox();
	assert.ok(box !== null, "the value panel has a canvas on screen");
	return box;
}

void test("pinch out zooms both panels", async () => {
	const { context, page, cdp, errors } = await openTouchChart();
	const box = await valueCanvasBox(page);
	const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	const focus = await xAt(page, centre.x);
	const reset = page.locator("button", { hasText: "Reset zoom" });
	assert.equal(await reset.isVisible(), false, "no reset before zooming");

	await gesture(
		cdp,
		[
			{ x: centre.x - 30, y: centre.y },
			{ x: centre.x + 30, y: centre.y },
		],
		[
			{ x: centre.x - 120, y: centre.y },
			{ x: centre.x + 120, y: centre.y },
		],
		12,
	);
	await nextFrames(page);

	const [value, gradient] = await panels(page);
	assert.ok(value !== undefined, "the value panel has a chart");
	assert.ok(gradient !== undefined, "the gradient panel has a chart");

	const downs = await page.evaluate(() => window.pointerDowns);
	assert.deepEqual(
		downs.map((down) => down.type),
		["touch", "touch"],
	);
	assert.notEqual(downs[0]?.id, downs[1]?.id, "two separate fingers");

	// The fingers end four times as far apart, so about a quarter of the range stays.
	const width = value.max - value.min;
	const range = `x from ${value.min} to ${value.max}`;
	assert.ok(width < DOMAIN_WIDTH / 3, range);
	assert.ok(width > DOMAIN_WIDTH / 6, range);
	assert.ok(value.min > -8, `zoomed range starts at ${value.min}`);
	assert.ok(value.max < 8, `zoomed range ends at ${value.max}`);
	// The y axis labels change width as the chart resamples, which moves the plot area
	// by a few pixels, so the x under the fingers' midpoint shifts slightly.
	const focusAfter = await xAt(page, centre.x);
	assert.ok(
		Math.abs(focusAfter - focus) < 0.1 * width,
		`the midpoint of the fingers was over x = ${focus} and is now over ${focusAfter}`,
	);
	assert.equal(gradient.min, value.min, "the gradient panel follows");
	assert.equal(gradient.max, value.max, "the gradient panel follows");

	for (const panel of [value, gradient]) {
		assert.equal(panel.xs.length, SAMPLES, "resampled on the same grid size");
		assert.equal(panel.xs[0], panel.min, "the grid starts at the new min");
		assert.equal(panel.xs[SAMPLES - 1], panel.max, "and ends at the new max");
	}
	assert.equal(await reset.isVisible(), true, "reset zoom appears");

	await page.screenshot({ path: outputPath("chart-touch-pinch.png") });
	assert.deepEqual(errors, []);
	await context.close();
});

void test("one finger drag pans", async () => {
	const { context, page, cdp, errors } = await openTouchChart();
	const box = await valueCanvasBox(page);
	const y = box.y + box.height / 2;
	const start = box.x + box.width * 0.6;

	await gesture(cdp, [{ x: start, y }], [{ x: start - 150, y }], 10);
	await nextFrames(page);
	const downs = await page.evaluate(() => window.pointerDowns);
	assert.deepEqual(
		downs.map((down) => down.type),
		["touch"],
	);

	const [value, gradient] = await panels(page);
	assert.ok(value !== undefined, "the value panel has a chart");
	assert.ok(gradient !== undefined, "the gradient panel has a chart");
	assert.ok(value.min > -8, `dragging left moves the range to ${value.min}`);
	assert.ok(
		Math.abs(value.max - value.min - DOMAIN_WIDTH) < 1e-9,
		"panning keeps the width",
	);
	assert.equal(gradient.min, value.min, "the gradient panel follows");
	assert.equal(value.xs.length, SAMPLES);
	assert.equal(value.xs[0], value.min, "resampled from the new min");
	assert.equal(value.xs[SAMPLES - 1], value.max, "to the new max");
	assert.deepEqual(errors, []);
	await context.close();
});
