import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { readFileSync } from "node:fs";
import { countColour, openChartPage, THEME_CSS } from "./page";

const ENTRY = "tests/chart/harness-entry.ts";
const BLUE: [number, number, number] = [8, 109, 221];

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

interface MountOptions {
	eager?: boolean;
	save?: boolean;
	math?: boolean;
}

/** Mounts blocks into new divs under #root and keeps their views on window.views. */
async function mountBlocks(
	page: Page,
	sources: string[],
	options: MountOptions = {},
): Promise<void> {
	await page.evaluate(
		({ sources, options }) => {
			const root = document.getElementById("root");
			if (root === null) throw new Error("no #root");
			const holder = window as unknown as {
				views?: unknown[];
				saved?: unknown[];
			};
			holder.views = holder.views ?? [];
			holder.saved = [];
			for (const source of sources) {
				const container = root.ownerDocument.createElement("div");
				container.className = "block";
				root.appendChild(container);
				const view = window.chartHarness.mountActivationBlock(
					container,
					source,
					window.chartHarness.DEFAULT_CHART_SETTINGS,
					{
						renderMath: options.math
							? (tex: string) => {
									const element = root.ownerDocument.createElement("span");
									element.className = "math";
									element.textContent = `[${tex}]`;
									return element;
								}
							: null,
						saveParameters: options.save
							? (values) => holder.saved?.push(values)
							: null,
						eager: options.eager ?? true,
					},
				);
				holder.views.push(view);
			}
		},
		{ sources, options },
	);
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

void test("relu block draws both panels", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ["relu"]);
	assert.equal(await page.locator("canvas").count(), 2);
	const value = await countColour(
		page,
		".activation-panel:nth-child(1) canvas",
		BLUE,
	);
	const gradient = await countColour(
		page,
		".activation-panel:nth-child(2) canvas",
		BLUE,
	);
	assert.ok(value > 300, `value panel has ${value} blue pixels`);
	assert.ok(gradient > 150, `gradient panel has ${gradient} blue pixels`);
	const labels = await page
		.locator("canvas")
		.evaluateAll((canvases) =>
			canvases.map((c) => c.getAttribute("aria-label")),
		);
	assert.match(labels[0] ?? "", /value f\(x\) of relu/);
	assert.match(labels[1] ?? "", /gradient f'\(x\) of relu/);
	await page.close();
});

void test("negative sigmoid peak labelled min", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ['function: "-sigmoid(x)"']);
	await nextFrames(page);
	const label = await page.evaluate(() => {
		const canvas = document.querySelectorAll(
			".activation-panel canvas",
		)[1] as HTMLCanvasElement;
		const chart = window.chartHarness.Chart.getChart(canvas);
		const annotations = (
			chart?.options.plugins as {
				annotation: { annotations: Record<string, { content?: string }> };
			}
		).annotation.annotations;
		return annotations["peak-label-0"]?.content;
	});
	assert.equal(label, "min f'(0) = -0.25");
	await page.screenshot({
		path: outputPath("chart-negative-sigmoid-peak.png"),
		fullPage: true,
	});
	await page.close();
});

void test("log beside kink keeps scale", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ['function: "x > 0 ? log(x) : 0"\nx: [-1, 1]']);
	await nextFrames(page);
	const valueMin = await page.evaluate(() => {
		const canvas = document.querySelectorAll(
			".activation-panel canvas",
		)[0] as HTMLCanvasElement;
		return window.chartHarness.Chart.getChart(canvas)?.scales.y?.min;
	});
	// log(0.005) = -5.3 at the first grid point right of 0; log(5e-324) would be -744.
	assert.ok(
		valueMin !== undefined && valueMin > -20,
		`value axis starts at ${valueMin}`,
	);
	await page.screenshot({
		path: outputPath("chart-log-beside-kink.png"),
		fullPage: true,
	});
	await page.close();
});

void test("bad block shows line errors", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ["relu", "function: switch\nx: [1, 0]", "sigmoid"]);
	const errors = page.locator(".block:nth-child(2) .activation-error");
	assert.equal(await errors.count(), 1);
	const messages = await errors
		.locator(".activation-error-message")
		.allInnerTexts();
	assert.ok(messages.length >= 1);
	for (const message of messages) {
		assert.match(message, /^line \d+: /);
	}
	assert.ok(
		messages.some((message) => message.includes("switch")),
		messages.join("\n"),
	);
	const quoted = await errors.locator(".activation-error-line").allInnerTexts();
	assert.ok(quoted.includes("function: switch"), quoted.join("\n"));
	assert.equal(await page.locator(".block:nth-child(1) canvas").count(), 2);
	assert.equal(await page.locator(".block:nth-child(3) canvas").count(), 2);
	await page.screenshot({
		path: outputPath("chart-errors-light.png"),
		fullPage: true,
	});
	await page.close();
});

void test("mount destroy leaves nothing", async () => {
	const page = await openChartPage(browser, ENTRY);
	const result = await page.evaluate(() => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		const { Chart, mountActivationBlock, DEFAULT_CHART_SETTINGS } =
			window.chartHarness;
		const source =
			"function: [leaky_relu, sigmoid]\nparams:\n  negative_slope: 0.1\nat: [0]\nsamples: 101";
		let max = 0;
		for (let i = 0; i < 200; i++) {
			const view = mountActivationBlock(root, source, DEFAULT_CHART_SETTINGS, {
				renderMath: null,
				saveParameters: null,
				eager: true,
			});
			max = Math.max(max, Object.keys(Chart.instances).length);
			view.destroy();
		}
		return {
			max,
			left: Object.keys(Chart.instances).length,
			children: root.childElementCount,
		};
	});
	assert.equal(result.max, 2);
	assert.equal(result.left, 0);
	assert.equal(result.children, 0);
	await page.close();
});

void test("lazy blocks draw when visible", async () => {
	const page = await openChartPage(browser, ENTRY, { height: 700 });
	const sources = Array.from({ length: 100 }, (_, i) =>
		i % 2 === 0 ? "sigmoid" : "tanh",
	);
	await mountBlocks(page, sources, { eager: false });
	await nextFrames(page);
	const drawnAtFirst = await page.locator(".block canvas").count();
	const blocks = await page.locator(".block").count();
	assert.equal(blocks, 100);
	assert.ok(drawnAtFirst > 0, "visible blocks draw");
	assert.ok(drawnAtFirst <= 2 * 6, `${drawnAtFirst} canvases before scrolling`);
	const placeholderHeights = await page
		.locator(".block:nth-child(80) .activation-panel")
		.evaluateAll((panels) =>
			panels.map((panel) => panel.getBoundingClientRect().height),
		);
	assert.deepEqual(placeholderHeights, [240, 240]);
	await page.locator(".block:nth-child(60)").scrollIntoViewIfNeeded();
	await nextFrames(page);
	await nextFrames(page);
	assert.equal(await page.locator(".block:nth-child(60) canvas").count(), 2);
	assert.ok((await page.locator(".block canvas").count()) > drawnAtFirst);
	assert.equal(await page.locator(".block:nth-child(100) canvas").count(), 0);
	await page.close();
});

void test("slider updates real kernel", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(
		page,
		[
			"function: leaky_relu\nparams:\n  negative_slope: {value: 0.1, min: 0, max: 1}",
		],
		{
			save: true,
		},
	);
	const range = page.locator(".activation-slider-range");
	await range.evaluate((element) => {
		const input = element as HTMLInputElement;
		input.value = "0.5";
		input.dispatchEvent(new Event("input", { bubbles: true }));
	});
	await nextFrames(page);
	const first = await page.evaluate(() => {
		const canvas = document.querySelector(
			".activation-panel canvas",
		) as HTMLCanvasElement;
		const data = window.chartHarness.Chart.getChart(canvas)?.data.datasets[0]
			?.data as { x: number; y: number }[];
		return data[0];
	});
	assert.deepEqual(first, { x: -8, y: -4 });
	assert.equal(
		await page.locator(".activation-slider-number").inputValue(),
		"0.5",
	);
	const parameters = await page.evaluate(() =>
		(
			window as unknown as { views: { currentParameters(): unknown }[] }
		).views[0]?.currentParameters(),
	);
	assert.deepEqual(parameters, { negative_slope: 0.5 });
	await page.getByRole("button", { name: "Save parameters to note" }).click();
	const saved = await page.evaluate(
		() => (window as unknown as { saved: unknown[] }).saved,
	);
	assert.deepEqual(saved, [{ negative_slope: 0.5 }]);
	await page.close();
});

void test("isolated samples drawn as dots", async () => {
	const page = await openChartPage(browser, ENTRY);
	// At -1, 0 and 1, 1/x is finite only at the two ends, with a gap between them.
	await mountBlocks(page, ["function: 1/x\nx: [-1, 1]\nsamples: 3"]);
	for (const panel of [1, 2]) {
		const selector = `.activation-panel:nth-child(${panel}) canvas`;
		const blue = await countColour(page, selector, BLUE, 60);
		assert.ok(blue >= 8, `panel ${panel} has ${blue} blue pixels`);
	}
	await page.close();
});

void test("animated zoom out leaves clean points", async () => {
	const page = await openChartPage(browser, ENTRY);
	// The default settings animate, as the zoom plugin's own update does. Drawn on
	// sight, as in a note, the first drawing leaves tweening points behind.
	await mountBlocks(page, ["function: sigmoid\nat: [0]"], { eager: false });
	await page.waitForTimeout(600);
	const canvas = page.locator(".activation-panel:nth-child(1) canvas");
	const box = await canvas.boundingBox();
	assert.ok(box !== null);
	// Two bursts of Ctrl+wheel, the pointer leaving the chart after each.
	for (const steps of [6, 1]) {
		await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
		await page.keyboard.down("Control");
		for (let step = 0; step < steps; step++) {
			await page.mouse.wheel(0, 100);
			await page.waitForTimeout(150);
		}
		await page.keyboard.up("Control");
		await page.mouse.move(5, 5);
		await page.waitForTimeout(1000);
	}
	const offsets = await page.evaluate(() => {
		const element = document.querySelector(".activation-panel canvas");
		const chart = window.chartHarness.Chart.getChart(
			element as HTMLCanvasElement,
		);
		const meta = chart?.getDatasetMeta(0);
		const scale = chart?.scales.x;
		if (meta === undefined || scale === undefined) {
			throw new Error("no chart on the value panel");
		}
		const data = chart?.data.datasets[0]?.data as { x: number; y: number }[];
		return {
			min: scale.min,
			max: scale.max,
			worst: Math.max(
				...meta.data.map((point, index) =>
					Math.abs(point.x - scale.getPixelForValue(data[index]?.x ?? NaN)),
				),
			),
		};
	});
	assert.ok(offsets.max - offsets.min > 16, JSON.stringify(offsets));
	// Each point sits where its own x puts it: no point is left mid-tween.
	assert.ok(offsets.worst < 0.5, JSON.stringify(offsets));
	await page.screenshot({ path: outputPath("chart-zoom-out.png") });
	await page.close();
});

void test("notes shown one per line", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ["sqrt(x)"]);
	const lines = (await page.locator(".activation-notes").innerText()).split(
		"\n",
	);
	assert.equal(lines.length, 2, lines.join(" | "));
	assert.match(lines[0] ?? "", /^sqrt\(x\): value not finite/);
	assert.match(lines[1] ?? "", /^sqrt\(x\): gradient not finite/);
	await page.close();
});

void test("caption uses host math", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(
		page,
		["function: [sigmoid, 'x * tanh(x)', 'softplus(x, 2)']\ncaption: true"],
		{ math: true },
	);
	const math = await page.locator(".activation-caption .math").allInnerTexts();
	// f and f' of sigmoid and of x tanh(x); f only of softplus(x, 2).
	assert.equal(math.length, 5, math.join("\n"));
	assert.ok(math[0]?.startsWith("[f(x) = "), math[0]);
	assert.ok(
		math.includes(
			String.raw`[f'(x) = \tanh\left(x\right)+x\cdot \left(1-{\tanh\left(x\right)}^{2}\right)]`,
		),
		math.join("\n"),
	);
	const caption = await page.locator(".activation-caption").innerText();
	assert.equal(
		caption.split("The gradient is computed by automatic differentiation")
			.length,
		2,
		caption,
	);
	await page.close();
});

void test("apply settings rebuilds block", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mountBlocks(page, ["sigmoid"]);
	assert.equal(await page.locator("canvas").count(), 2);
	await page.evaluate(() => {
		const view = (
			window as unknown as {
				views: { applySettings(settings: unknown): void }[];
			}
		).views[0];
		const settings = window.chartHarness.DEFAULT_CHART_SETTINGS;
		view?.applySettings({
			...settings,
			defaults: { ...settings.defaults, layout: "overlay" },
		});
	});
	assert.equal(await page.locator("canvas").count(), 1);
	assert.equal(
		await page.evaluate(
			() => Object.keys(window.chartHarness.Chart.instances).length,
		),
		1,
	);
	await page.close();
});

void test("example blocks render light and dark", async () => {
	const page = await openChartPage(browser, ENTRY, { width: 900 });
	await mountBlocks(page, [
		"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]\nat: [0, 1.5]\ncaption: true",
		"function: [sigmoid, tanh]\nlayout: overlay",
		'function: "f(x) = max(0, x) + alpha * min(0, x)"\nparams: {alpha: 0.25}',
		"function: threshold\nparams: {threshold: 1, value: -1}\nx: [-3, 3]",
	]);
	await nextFrames(page);
	await page.screenshot({
		path: outputPath("chart-examples-light.png"),
		fullPage: true,
	});
	await page.evaluate(() => {
		document.body.classList.add("theme-dark");
		for (const view of (
			window as unknown as { views: { refreshTheme(): void }[] }
		).views) {
			view.refreshTheme();
		}
	});
	await page.screenshot({
		path: outputPath("chart-examples-dark.png"),
		fullPage: true,
	});
	assert.equal(await page.locator("canvas").count(), 7);
	await page.close();
});

void test("block in another window", async () => {
	const page = await openChartPage(browser, ENTRY, {
		body: '<iframe id="popout" style="width: 900px; height: 700px"></iframe>',
	});
	// The iframe plays the part of a pop-out window, with its own document, window and styles.
	const css = `${THEME_CSS}\nbody { --color-blue: #ff0000; }\n${readFileSync("styles.css", "utf8")}`;
	await page.evaluate((css) => {
		const frame = document.getElementById("popout") as HTMLIFrameElement;
		const loaded = new Promise((resolve) =>
			frame.addEventListener("load", resolve),
		);
		frame.srcdoc = `<!doctype html><html><head><style>${css}</style></head><body></body></html>`;
		return loaded;
	}, css);
	const result = await page.evaluate(async () => {
		const frame = document.getElementById("popout") as HTMLIFrameElement;
		const popout = frame.contentDocument;
		const popoutWindow = frame.contentWindow;
		if (popout === null || popoutWindow === null) throw new Error("no iframe");
		const container = popout.createElement("div");
		popout.body.appendChild(container);

		const view = window.chartHarness.mountActivationBlock(
			container,
			"function: leaky_relu\nparams: {negative_slope: {value: 0.1, min: 0, max: 1}}",
			window.chartHarness.DEFAULT_CHART_SETTINGS,
			{ renderMath: null, saveParameters: null, eager: false },
		);
		for (let i = 0; i < 40 && container.querySelector("canvas") === null; i++) {
			await new Promise((resolve) =>
				popoutWindow.requestAnimationFrame(resolve),
			);
		}
		const canvases = container.querySelectorAll("canvas").length;

		const range = container.querySelector(
			".activation-slider-range",
		) as HTMLInputElement;
		range.value = "0.5";
		range.dispatchEvent(new Event("input"));
		for (let i = 0; i < 2; i++) {
			await new Promise((resolve) =>
				popoutWindow.requestAnimationFrame(resolve),
			);
		}
		const canvas = container.querySelector("canvas") as HTMLCanvasElement;
		const chart = window.chartHarness.Chart.getChart(canvas);
		const first = chart?.data.datasets[0]?.data[0] as { x: number; y: number };
		const colour = chart?.data.datasets[0]?.borderColor;

		view.destroy();
		return {
			canvases,
			first,
			colour,
			left: Object.keys(window.chartHarness.Chart.instances).length,
		};
	});
	assert.equal(result.canvases, 2);
	assert.deepEqual(result.first, { x: -8, y: -4 });
	assert.equal(result.colour, "#ff0000");
	assert.equal(result.left, 0);
	await page.close();
});
