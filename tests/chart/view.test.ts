import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { countColour, openChartPage } from "./page";

const ENTRY = "tests/chart/view-harness.ts";
const BLUE: [number, number, number] = [8, 109, 221];
const ORANGE: [number, number, number] = [236, 117, 0];

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

async function mount(
	page: Page,
	options: object,
	saveParameters = false,
): Promise<void> {
	await page.evaluate(
		({ options, saveParameters }) => {
			const root = document.getElementById("root");
			if (root === null) throw new Error("no #root");
			window.viewHarness.mountFake(root, options as never, saveParameters);
		},
		{ options, saveParameters },
	);
}

void test("relu draws both panels", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["relu"], at: [1.5] });
	const canvases = await page.locator(".activation-panel canvas").count();
	assert.equal(canvases, 2);
	const valuePixels = await countColour(
		page,
		".activation-panel:nth-child(1) canvas",
		BLUE,
	);
	const gradientPixels = await countColour(
		page,
		".activation-panel:nth-child(2) canvas",
		BLUE,
	);
	assert.ok(valuePixels > 300, `value panel has ${valuePixels} blue pixels`);
	assert.ok(
		gradientPixels > 150,
		`gradient panel has ${gradientPixels} blue pixels`,
	);
	await page.screenshot({
		path: outputPath("chart-relu-light.png"),
		fullPage: true,
	});
	await page.close();
});

/** Reads a chart's state in the page: dataset points, scale ids and options. */
async function chartState(page: Page, panel: number) {
	return page.evaluate((panel) => {
		const canvas = document.querySelectorAll(".activation-panel canvas")[panel];
		const chart =
			canvas instanceof HTMLCanvasElement
				? window.viewHarness.Chart.getChart(canvas)
				: undefined;
		if (chart === undefined) throw new Error(`no chart on panel ${panel}`);
		const datasets = chart.data.datasets.map((dataset) => ({
			label: dataset.label,
			borderColor:
				typeof dataset.borderColor === "string" ? dataset.borderColor : "",
			borderDash: (dataset as { borderDash?: number[] }).borderDash ?? [],
			showLine: (dataset as { showLine?: boolean }).showLine !== false,
			points: (dataset.data as { x: number; y: number }[]).map((point) => [
				point.x,
				Number.isNaN(point.y) ? "NaN" : point.y,
			]),
			fills: (dataset as { pointBackgroundColor?: unknown })
				.pointBackgroundColor,
		}));
		const scales = Object.fromEntries(
			Object.entries(chart.scales).map(([id, scale]) => [
				id,
				{ min: scale.min, max: scale.max, position: scale.position },
			]),
		);
		const annotations = Object.keys(
			(chart.options.plugins as { annotation?: { annotations?: object } })
				.annotation?.annotations ?? {},
		);
		return {
			datasets,
			scales,
			annotations,
			legend: chart.options.plugins?.legend?.display === true,
			legendItems: chart.legend?.legendItems?.map((item) => item.text) ?? [],
			tickColour: String(
				(chart.options.scales?.x as { ticks?: { color?: unknown } }).ticks
					?.color,
			),
		};
	}, panel);
}

void test("function list shows legend", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid", "tanh"] });
	const value = await chartState(page, 0);
	assert.equal(value.legend, true);
	assert.deepEqual(value.legendItems, ["sigmoid", "tanh"]);
	assert.ok(
		(await countColour(page, ".activation-panel:nth-child(1) canvas", ORANGE)) >
			200,
	);
	await page.close();
});

void test("single function hides legend", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"] });
	assert.equal((await chartState(page, 0)).legend, false);
	await page.close();
});

void test("overlay draws one chart", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"], layout: "overlay" });
	assert.equal(await page.locator("canvas").count(), 1);
	const state = await chartState(page, 0);
	assert.equal(state.scales.y?.position, "left");
	assert.equal(state.scales.y1?.position, "right");
	assert.deepEqual(state.legendItems, ["sigmoid", "sigmoid'"]);
	const gradient = state.datasets.find(
		(dataset) => dataset.label === "sigmoid'",
	);
	assert.deepEqual(gradient?.borderDash, [6, 4]);
	await page.screenshot({
		path: outputPath("chart-overlay-light.png"),
		fullPage: true,
	});
	await page.close();
});

void test("gradient jump leaves gap", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["relu"], samples: 400 });
	const value = await chartState(page, 0);
	const gradient = await chartState(page, 1);
	const valueLine = value.datasets[0]?.points ?? [];
	const gradientLine = gradient.datasets[0]?.points ?? [];

	assert.ok(
		!valueLine.some(([, y]) => y === "NaN"),
		"value of relu is continuous",
	);
	assert.ok(
		valueLine.some(([x, y]) => x === 0 && y === 0),
		"value line has its corner at 0",
	);

	const gap = gradientLine.findIndex(([, y]) => y === "NaN");
	assert.deepEqual(gradientLine.slice(gap - 1, gap + 2), [
		[0, 0],
		[0, "NaN"],
		[0, 1],
	]);

	const dots = gradient.datasets.find((dataset) => dataset.label === "kinks");
	assert.deepEqual(dots?.points, [
		[0, 0],
		[0, 1],
		[0, 0],
	]);
	assert.equal(
		value.datasets.filter((dataset) => dataset.label === "kinks").length,
		0,
	);
	await page.close();
});

void test("value jump draws open dots", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["threshold"] });
	const value = await chartState(page, 0);
	const line = value.datasets[0]?.points ?? [];
	const gap = line.findIndex(([, y]) => y === "NaN");
	assert.deepEqual(line.slice(gap - 1, gap + 2), [
		[1, -1],
		[1, "NaN"],
		[1, 1],
	]);
	const dots = value.datasets.find((dataset) => dataset.label === "kinks");
	assert.deepEqual(dots?.points, [
		[1, -1],
		[1, 1],
		[1, -1],
	]);
	const fills = dots?.fills as string[];
	assert.equal(fills[0], "#ffffff");
	assert.equal(fills[2], "#086ddd");
	await page.close();
});

void test("non-finite values become gaps", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["log"], domain: [-1, 2], samples: 31 });
	const value = await chartState(page, 0);
	const line = value.datasets[0]?.points ?? [];
	assert.ok(
		line.filter(([x]) => (x as number) < 0).every(([, y]) => y === "NaN"),
	);
	assert.ok(Number.isFinite(value.scales.y?.min), "y axis ignores -Infinity");
	assert.ok(Number.isFinite(value.scales.y?.max));
	const notes = await page.locator(".activation-notes").textContent();
	assert.match(notes ?? "", /not finite/);
	await page.close();
});

async function setRange(page: Page, value: string): Promise<void> {
	await page.evaluate((value) => {
		const range = document.querySelector(".activation-slider-range");
		if (!(range instanceof HTMLInputElement)) throw new Error("no slider");
		range.value = value;
		range.dispatchEvent(new Event("input", { bubbles: true }));
	}, value);
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

void test("slider recomputes the chart", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["leaky_relu"] });
	const before = await chartState(page, 0);
	assert.deepEqual(before.datasets[0]?.points[0], [-8, -0.08]);
	await setRange(page, "0.25");
	await nextFrames(page);
	const afterValue = await chartState(page, 0);
	const afterGradient = await chartState(page, 1);
	assert.deepEqual(afterValue.datasets[0]?.points[0], [-8, -2]);
	assert.deepEqual(afterGradient.datasets[0]?.points[0], [-8, 0.25]);
	assert.equal(
		await page.locator(".activation-slider-number").inputValue(),
		"0.25",
	);
	await page.close();
});

void test("typed value is clamped", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["leaky_relu"] });
	await page.locator(".activation-slider-number").fill("7");
	await page.locator(".activation-slider-number").press("Enter");
	await nextFrames(page);
	assert.equal(
		await page.locator(".activation-slider-number").inputValue(),
		"1",
	);
	assert.equal(
		await page.locator(".activation-slider-range").inputValue(),
		"1",
	);
	assert.deepEqual(
		(await chartState(page, 0)).datasets[0]?.points[0],
		[-8, -8],
	);
	await page.getByRole("button", { name: "Reset", exact: true }).click();
	await nextFrames(page);
	assert.equal(
		await page.locator(".activation-slider-number").inputValue(),
		"0.01",
	);
	await page.close();
});

void test("save button needs a host", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["leaky_relu"] }, false);
	assert.equal(
		await page
			.locator("button", { hasText: "Save parameters to note" })
			.count(),
		0,
	);
	await page.evaluate(() => document.getElementById("root")?.replaceChildren());
	await mount(page, { functions: ["leaky_relu"] }, true);
	assert.equal(
		await page
			.locator("button", { hasText: "Save parameters to note" })
			.count(),
		1,
	);
	await page.close();
});

void test("theme switch recolours charts", async () => {
	const page = await openChartPage(browser, ENTRY);
	await page.evaluate(() => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		const mounted = window.viewHarness.mountFake(root, {
			functions: ["sigmoid", "relu"],
			at: [0.5],
		});
		(window as unknown as { mounted: typeof mounted }).mounted = mounted;
	});

	const light = await chartState(page, 0);
	const lightAnnotations = (await chartState(page, 1)).annotations;
	assert.equal(light.tickColour, "#5c5c5c");
	assert.equal(light.datasets[0]?.borderColor, "#086ddd");
	await page.screenshot({
		path: outputPath("chart-list-light.png"),
		fullPage: true,
	});

	await page.evaluate(() => {
		document.body.classList.add("theme-dark");
		(
			window as unknown as { mounted: { view: { refreshTheme(): void } } }
		).mounted.view.refreshTheme();
	});

	const dark = await chartState(page, 0);
	assert.equal(dark.tickColour, "#b3b3b3");
	assert.deepEqual((await chartState(page, 1)).annotations, lightAnnotations);
	assert.equal(dark.datasets[0]?.borderColor, "#027aff");
	assert.ok(
		(await countColour(
			page,
			".activation-panel:nth-child(1) canvas",
			[2, 122, 255],
			10,
		)) > 200,
	);
	const stale = await countColour(
		page,
		".activation-panel:nth-child(1) canvas",
		BLUE,
		10,
	);
	assert.ok(stale < 10, `${stale} pixels keep the light theme's blue`);
	await page.screenshot({
		path: outputPath("chart-list-dark.png"),
		fullPage: true,
	});
	await page.close();
});

void test("destroy releases every chart", async () => {
	const page = await openChartPage(browser, ENTRY);
	const result = await page.evaluate(() => {
		const root = document.getElementById("root");
		if (root === null) throw new Error("no #root");
		let max = 0;
		for (let i = 0; i < 200; i++) {
			const mounted = window.viewHarness.mountFake(root, {
				functions: ["leaky_relu", "sigmoid"],
				samples: 101,
			});
			max = Math.max(
				max,
				Object.keys(window.viewHarness.Chart.instances).length,
			);
			mounted.view.destroy();
			mounted.root.remove();
		}
		return {
			max,
			left: Object.keys(window.viewHarness.Chart.instances).length,
			children: root.childElementCount,
		};
	});
	assert.equal(result.max, 2);
	assert.equal(result.left, 0);
	assert.equal(result.children, 0);
	await page.close();
});

void test("annotations mark sigmoid peak", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"] });
	const gradient = await chartState(page, 1);
	assert.ok(gradient.annotations.includes("peak-0"));
	assert.ok(gradient.annotations.includes("peak-label-0"));
	assert.deepEqual(
		gradient.annotations.filter((name) => name.startsWith("saturation")),
		["saturation-0-0", "saturation-0-1"],
	);
	const label = await page.evaluate(() => {
		const canvas = document.querySelectorAll(
			".activation-panel canvas",
		)[1] as HTMLCanvasElement;
		const chart = window.viewHarness.Chart.getChart(canvas);
		const annotations = (
			chart?.options.plugins as {
				annotation: { annotations: Record<string, { content?: string }> };
			}
		).annotation.annotations;
		return annotations["peak-label-0"]?.content;
	});
	assert.equal(label, "max f'(0) = 0.25");
	assert.deepEqual((await chartState(page, 0)).annotations, []);
	await page.close();
});

void test("marks table lists at points", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["relu", "sigmoid"], at: [0, 2] });
	const rows = await page.locator(".activation-marks tbody tr").allInnerTexts();
	assert.equal(rows.length, 4);
	assert.deepEqual(rows[1]?.split("\t"), ["relu", "2", "2", "1"]);
	assert.deepEqual(rows[2]?.split("\t"), ["sigmoid", "0", "0.5", "0.25"]);
	await page.close();
});

void test("caption falls back to TeX", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid", "threshold"], caption: true });
	const caption = await page.locator(".activation-caption").innerText();
	assert.match(caption, /f\(x\) = \\operatorname\{sigmoid\}\(x\)/);
	assert.match(caption, /f'\(x\) = \\sigma\(x\)\(1 - \\sigma\(x\)\)/);
	assert.match(
		caption,
		/The gradient is computed by automatic differentiation/,
	);
	await page.close();
});

void test("narrow container stacks panels", async () => {
	const page = await openChartPage(browser, ENTRY, { width: 420 });
	await mount(page, { functions: ["relu"] });
	await nextFrames(page);
	assert.equal(
		await page.locator(".activation-chart.activation-narrow").count(),
		1,
	);
	const boxes = await page
		.locator(".activation-panel")
		.evaluateAll((panels) =>
			panels.map((panel) => panel.getBoundingClientRect().top),
		);
	assert.ok(
		(boxes[1] ?? 0) > (boxes[0] ?? 0) + 200,
		`panel tops ${boxes.join(", ")}`,
	);
	await page.screenshot({
		path: outputPath("chart-narrow-light.png"),
		fullPage: true,
	});
	await page.close();
});

void test("side by side at full width", async () => {
	const page = await openChartPage(browser, ENTRY, { width: 1000 });
	await mount(page, { functions: ["relu"] });
	await nextFrames(page);
	const boxes = await page
		.locator(".activation-panel")
		.evaluateAll((panels) =>
			panels.map((panel) => panel.getBoundingClientRect().top),
		);
	assert.equal(boxes[0], boxes[1]);
	await page.close();
});

void test("tooltip shows value and gradient", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["relu", "sigmoid"] });
	const box = await page
		.locator(".activation-panel:nth-child(1) canvas")
		.boundingBox();
	assert.ok(box !== null);
	await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
	await nextFrames(page);
	const tooltip = await page.evaluate(() => {
		const canvases = document.querySelectorAll(".activation-panel canvas");
		const chart = window.viewHarness.Chart.getChart(
			canvases[0] as HTMLCanvasElement,
		);
		return {
			title: chart?.tooltip?.title,
			body: chart?.tooltip?.body.flatMap((part) => part.lines),
		};
	});
	const x = Number(/x = (.*)/.exec(tooltip.title?.[0] ?? "")?.[1]);
	assert.ok(x > 2, `title ${JSON.stringify(tooltip.title)}`);
	assert.ok(x < 6, `title ${JSON.stringify(tooltip.title)}`);
	assert.equal(tooltip.body?.length, 2);
	assert.match(
		tooltip.body?.[0] ?? "",
		new RegExp(`^relu: f\\(x\\) = ${x}, f'\\(x\\) = 1$`),
	);
	assert.match(
		tooltip.body?.[1] ?? "",
		/^sigmoid: f\(x\) = 0\.9\d+, f'\(x\) = 0\.0\d+$/,
	);
	await page.screenshot({ path: outputPath("chart-tooltip-light.png") });
	await page.close();
});

void test("wheel zoom resamples both panels", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"], samples: 101 });
	const box = await page
		.locator(".activation-panel:nth-child(1) canvas")
		.boundingBox();
	assert.ok(box !== null);
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.keyboard.down("Control");
	for (let i = 0; i < 5; i++) {
		await page.mouse.wheel(0, -200);
	}
	await page.keyboard.up("Control");
	await nextFrames(page);

	const value = await chartState(page, 0);
	const gradient = await chartState(page, 1);
	const min = value.scales.x?.min ?? NaN;
	const max = value.scales.x?.max ?? NaN;
	assert.ok(max - min < 12, `x range ${min} to ${max}`);
	assert.equal(gradient.scales.x?.min, min);
	assert.equal(gradient.scales.x?.max, max);

	const points = value.datasets[0]?.points ?? [];
	assert.equal(points.length, 101);
	assert.equal(points[0]?.[0], min);
	assert.equal(points[100]?.[0], max);

	const reset = page.locator("button", { hasText: "Reset zoom" });
	assert.equal(await reset.isVisible(), true);
	await reset.click();
	await nextFrames(page);
	const restored = await chartState(page, 1);
	assert.equal(restored.scales.x?.min, -8);
	assert.equal(restored.scales.x?.max, 8);
	assert.equal(restored.datasets[0]?.points[0]?.[0], -8);
	assert.equal(await reset.isVisible(), false, "reset zoom hides again");
	await page.close();
});

void test("wheel without ctrl scrolls", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"] });
	const box = await page
		.locator(".activation-panel:nth-child(1) canvas")
		.boundingBox();
	assert.ok(box !== null);
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -200);
	await nextFrames(page);
	const value = await chartState(page, 0);
	assert.equal(value.scales.x?.min, -8);
	assert.equal(value.scales.x?.max, 8);
	await page.close();
});

void test("drag pans both panels", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["sigmoid"], samples: 101 });
	const box = await page
		.locator(".activation-panel:nth-child(1) canvas")
		.boundingBox();
	assert.ok(box !== null);
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width * 0.6, y);
	await page.mouse.down();
	for (let step = 1; step <= 10; step++) {
		await page.mouse.move(box.x + box.width * 0.6 - step * 15, y);
	}
	await page.mouse.up();
	await nextFrames(page);
	const value = await chartState(page, 0);
	const gradient = await chartState(page, 1);
	const min = value.scales.x?.min ?? NaN;
	const max = value.scales.x?.max ?? NaN;
	assert.ok(min > -8, `panned range starts at ${min}`);
	assert.ok(Math.abs(max - min - 16) < 1e-9, "panning keeps the width");
	assert.equal(gradient.scales.x?.min, min);
	assert.equal(value.datasets[0]?.points[0]?.[0], min);
	assert.equal(value.datasets[0]?.points[100]?.[0], max);
	await page.close();
});

void test("print hides the controls", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["leaky_relu"] });
	const display = () =>
		page
			.locator(".activation-controls")
			.evaluate((element) => getComputedStyle(element).display);
	assert.equal(await display(), "flex");
	await page.emulateMedia({ media: "print" });
	assert.equal(await display(), "none");
	await page.emulateMedia({ media: "screen" });
	await page.evaluate(() => document.body.classList.add("print"));
	assert.equal(await display(), "none");
	await page.close();
});

void test("stacked layout aligns axes", async () => {
	const page = await openChartPage(browser, ENTRY);
	await mount(page, { functions: ["relu"], layout: "stacked" });
	await nextFrames(page);
	const areas = await page.evaluate(() =>
		Array.from(document.querySelectorAll(".activation-panel canvas")).map(
			(canvas) => {
				const chart = window.viewHarness.Chart.getChart(
					canvas as HTMLCanvasElement,
				);
				const box = canvas.getBoundingClientRect();
				return {
					top: box.top,
					width: box.width,
					left: chart?.chartArea.left,
					right: chart?.chartArea.right,
				};
			},
		),
	);
	assert.equal(areas.length, 2);
	assert.ok(
		(areas[1]?.top ?? 0) > (areas[0]?.top ?? 0) + 200,
		JSON.stringify(areas),
	);
	assert.ok((areas[0]?.width ?? 0) > 900, "stacked panels take the full width");
	assert.equal(areas[0]?.left, areas[1]?.left);
	assert.equal(areas[0]?.right, areas[1]?.right);
	await page.screenshot({ path: outputPath("chart-stacked-light.png") });
	await page.close();
});
