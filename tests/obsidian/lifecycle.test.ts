import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import {
	STILL,
	block,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
} from "./harness";
import { outputPath } from "../helpers/browser";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

const TWO_BLOCKS = [
	"# Activations",
	block("relu"),
	"Some text.",
	block("function: [sigmoid, tanh]\nlayout: overlay"),
].join("\n\n");

void test("plugin unload leaves nothing alive", async () => {
	const page = await openObsidianPage(browser);
	const baseline = await page.evaluate(() => ({
		listeners: window.standIn.tracker.liveListeners(),
		observers: window.standIn.tracker.liveObservers(),
	}));
	await openNote(page, { text: TWO_BLOCKS, data: STILL });
	await page.evaluate(() => window.standIn.frames(3));

	const drawn = await page.evaluate(() => {
		const { standIn } = window;
		return {
			processor: standIn.app.codeBlockProcessors.has("activation"),
			inked: standIn.inkedCanvases(document),
			charts: standIn.tracker.liveCharts(),
			cssHandlers: standIn.app.workspace.handlerCount("css-change"),
			registrations: standIn.tracker.componentRegistrations,
		};
	});
	assert.equal(drawn.processor, true);
	assert.ok(
		drawn.inked >= 3,
		`expected 3 drawn canvases (relu's two panels and the overlay), got ${drawn.inked}`,
	);
	assert.ok(
		drawn.charts >= 3,
		`expected live Chart.js charts while the note is open, got ${drawn.charts}`,
	);
	assert.equal(drawn.cssHandlers, 2);
	assert.ok(drawn.registrations > 0);

	const left = await page.evaluate(() => {
		const { standIn } = window;
		standIn.plugins[0]?.unload();
		return {
			processor: standIn.app.codeBlockProcessors.has("activation"),
			commands: standIn.app.commands.size,
			charts: standIn.tracker.liveCharts(),
			cssHandlers: standIn.app.workspace.handlerCount("css-change"),
			registrations: standIn.tracker.componentRegistrations,
			listeners: standIn.tracker.liveListeners(),
			observers: standIn.tracker.liveObservers(),
			blocks: document.querySelectorAll(".activation-chart").length,
		};
	});
	assert.equal(left.processor, false);
	assert.equal(left.commands, 0);
	assert.equal(left.charts, 0);
	assert.equal(left.cssHandlers, 0);
	assert.deepEqual(left.listeners, baseline.listeners);
	assert.deepEqual(left.observers, baseline.observers);
	assert.equal(left.blocks, 0);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("bad block between good ones", async () => {
	const page = await openObsidianPage(browser);
	const text = [
		block("relu"),
		block("function: switch\nx: [-4, 4]"),
		block("tanh"),
	].join("\n\n");
	await openNote(page, { text, data: STILL });
	await page.evaluate(() => window.standIn.frames(3));

	const blocks = await page.evaluate(() =>
		Array.from(document.querySelectorAll(".block-language-activation")).map(
			(el) => ({
				inked: window.standIn.inkedCanvases(el),
				error: el.querySelector(".activation-error")?.textContent ?? null,
			}),
		),
	);
	assert.equal(blocks.length, 3);
	assert.ok((blocks[0]?.inked ?? 0) > 0, "the first good block is drawn");
	assert.equal(blocks[0]?.error, null);
	assert.match(blocks[1]?.error ?? "", /line 1:/);
	assert.match(blocks[1]?.error ?? "", /'switch'/);
	assert.equal(blocks[1]?.inked, 0);
	assert.ok((blocks[2]?.inked ?? 0) > 0, "the last good block is drawn");
	assert.equal(blocks[2]?.error, null);
	await page.screenshot({
		path: outputPath("obsidian-bad-block.png"),
		fullPage: true,
	});
	await page.close();
});

void test("section recreated 200 times", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { text: TWO_BLOCKS, data: STILL });
	const result = await page.evaluate(async () => {
		const { standIn } = window;
		const renderer = standIn.renderers[0];
		if (renderer === undefined) throw new Error("the note was not rendered");
		const [first, second] = renderer.blocks("activation");
		if (first === undefined || second === undefined)
			throw new Error("expected two blocks");
		for (let round = 0; round < 200; round++) {
			renderer.unloadSection(first);
			renderer.unloadSection(second);
			renderer.recreateSection(second);
			renderer.recreateSection(first);
			if (round % 20 === 0) await standIn.frames(1);
		}
		await standIn.frames(3);
		const plugin = standIn.plugins[0] as unknown as {
			charts: { size: number };
		};
		const whileOpen = {
			charts: standIn.tracker.liveCharts(),
			inked: standIn.inkedCanvases(document),
			blocks: plugin.charts.size,
		};
		renderer.unloadSection(first);
		renderer.unloadSection(second);
		return {
			whileOpen,
			blocks: plugin.charts.size,
			charts: standIn.tracker.liveCharts(),
			cssHandlers: standIn.app.workspace.handlerCount("css-change"),
			observers: standIn.tracker.liveObservers(),
			stacks: standIn.tracker.liveObserverStacks(),
		};
	});
	assert.ok(
		result.whileOpen.charts >= 3 && result.whileOpen.charts <= 4,
		`charts while open: ${result.whileOpen.charts}`,
	);
	assert.ok(result.whileOpen.inked >= 3);
	assert.equal(result.whileOpen.blocks, 2);
	assert.equal(result.blocks, 0);
	assert.equal(result.charts, 0);
	assert.equal(result.cssHandlers, 0);
	assert.deepEqual(result.observers, {}, result.stacks.join("\n"));
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

/** Returns the five most common opaque colours of the first canvas, most common first. */
async function curveColours(
	page: import("playwright-core").Page,
): Promise<string[]> {
	return page.evaluate(() => {
		const canvas = document.querySelector("canvas");
		const context = canvas?.getContext("2d");
		if (canvas === null || context === null || context === undefined) return [];
		const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
		const counts = new Map<string, number>();
		for (let index = 0; index < pixels.length; index += 4) {
			if ((pixels[index + 3] ?? 0) < 250) continue;
			const colour = `${pixels[index]},${pixels[index + 1]},${pixels[index + 2]}`;
			counts.set(colour, (counts.get(colour) ?? 0) + 1);
		}
		return [...counts.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 5)
			.map(([colour]) => colour);
	});
}

void test("css-change recolours after theme switch", async () => {
	const page = await openObsidianPage(browser, { width: 900, height: 500 });
	await openNote(page, {
		text: block("function: gelu\nx: [-4, 4]"),
		data: STILL,
	});
	await page.evaluate(() => window.standIn.frames(3));
	const light = await curveColours(page);
	await page.screenshot({ path: outputPath("obsidian-theme-light.png") });

	await page.evaluate(async () => {
		window.standIn.setTheme("dark");
		await window.standIn.frames(3);
	});
	const dark = await curveColours(page);
	await page.screenshot({ path: outputPath("obsidian-theme-dark.png") });

	assert.ok(
		light.length > 0 && dark.length > 0,
		"the chart has opaque pixels in both themes",
	);
	assert.notDeepEqual(dark, light, "the chart's colours change with the theme");
	const chartCount = await page.evaluate(() =>
		window.standIn.tracker.liveCharts(),
	);
	assert.equal(
		chartCount,
		2,
		"refreshing the theme replaces no chart without destroying the old one",
	);
	await page.close();
});

void test("caption typesets through renderMath", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, {
		text: block("function: sigmoid\ncaption: true"),
		data: STILL,
	});
	const math = await page.evaluate(async () => {
		const { standIn } = window;
		await standIn.frames(3);
		const blockEl = document.querySelector(".block-language-activation");
		return {
			rendered: [...standIn.mathRendered],
			flushes: standIn.mathFlushes(),
			inBlock: blockEl?.querySelectorAll(".math").length ?? 0,
		};
	});
	assert.ok(
		math.rendered.length >= 1,
		"the caption's TeX goes through renderMath",
	);
	assert.ok(
		math.rendered.some((tex) => tex.includes("\\sigma") || tex.includes("e^{")),
	);
	assert.equal(math.flushes, 1, "finishRenderMath runs once for the batch");
	assert.equal(math.inBlock, math.rendered.length);
	await page.close();
});
