/**
 * A Chromium page for the browser fuzz tests: Obsidian's theme variables, styles.css and
 * the chart bundle with the real parser and kernel, with uncaught page errors collected
 * instead of thrown.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { bundle, THEME_CSS } from "../chart/page";

/** Exposes mountActivationBlock and Chart.js on `window.chartHarness`. */
const ENTRY = "tests/chart/harness-entry.ts";

export interface FuzzPage {
	page: Page;
	/** Uncaught errors and unhandled rejections of the page so far. */
	errors: string[];
}

export async function openFuzzPage(
	browser: Browser,
	width = 900,
	height = 700,
): Promise<FuzzPage> {
	const page = await browser.newPage({
		viewport: { width, height },
		deviceScaleFactor: 1,
	});
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(String(error)));
	await page.setContent(
		'<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div></body></html>',
	);
	await page.addStyleTag({
		content: THEME_CSS + readFileSync("styles.css", "utf8"),
	});
	await page.addScriptTag({ content: await bundle(ENTRY) });
	return { page, errors };
}

/** What one mounted block shows. */
export interface MountedBlock {
	canvases: number;
	/** The text of the block's error box, or null when it has none. */
	error: string | null;
	/** The y axes of its charts: [id, min, max, tick labels]. */
	axes: { id: string; min: number; max: number; ticks: string[] }[];
	notes: string;
}

/**
 * Mounts each source eagerly into its own container, without animation, waits two
 * frames, reports what each block shows, then destroys every view.
 */
export async function mountAndInspect(
	page: Page,
	sources: string[],
	keep = false,
): Promise<MountedBlock[]> {
	return page.evaluate(
		async ({ sources, keep }) => {
			const harness = window.chartHarness;
			const root = document.getElementById("root");
			if (root === null) throw new Error("the page has no #root");
			const settings = { ...harness.DEFAULT_CHART_SETTINGS, animate: false };
			const mounted = sources.map((source) => {
				// The page has no Obsidian DOM helpers such as createDiv, only the plain DOM API.
				const container = root.ownerDocument.createElement("div");
				root.appendChild(container);
				const view = harness.mountActivationBlock(container, source, settings, {
					renderMath: null,
					saveParameters: null,
					eager: true,
				});
				return { container, view };
			});
			await new Promise((resolve) =>
				window.requestAnimationFrame(() =>
					window.requestAnimationFrame(resolve),
				),
			);
			const report = mounted.map(({ container }) => {
				const canvases = Array.from(container.querySelectorAll("canvas"));
				const axes = canvases.flatMap((canvas) => {
					const chart = harness.Chart.getChart(canvas);
					if (chart === undefined) return [];
					return Object.values(chart.scales)
						.filter((scale) => scale.axis === "y")
						.map((scale) => ({
							id: scale.id,
							min: scale.min,
							max: scale.max,
							ticks: scale.ticks.map((tick) => String(tick.label)),
						}));
				});
				return {
					canvases: canvases.length,
					error:
						container.querySelector(".activation-error")?.textContent ?? null,
					axes,
					notes:
						container.querySelector(".activation-notes")?.textContent ?? "",
				};
			});
			if (!keep) {
				for (const { container, view } of mounted) {
					view.destroy();
					container.remove();
				}
			}
			return report;
		},
		{ sources, keep },
	);
}
