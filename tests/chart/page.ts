// Opens a Chromium page with Obsidian's theme variables, styles.css and a bundled entry.
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";

/** Obsidian's default light and dark values of the variables the chart reads. */
export const THEME_CSS = `
body {
	margin: 0;
	padding: 16px;
	background: var(--background-primary);
	--background-primary: #ffffff;
	--background-secondary: #f6f6f6;
	--background-modifier-border: #e0e0e0;
	--text-normal: #222222;
	--text-muted: #5c5c5c;
	--text-error: #e93147;
	--interactive-accent: #8a5cf5;
	--font-interface: "DejaVu Sans", sans-serif;
	--font-text: "DejaVu Sans", sans-serif;
	--font-monospace: "DejaVu Sans Mono", monospace;
	--color-red: #e93147;
	--color-orange: #ec7500;
	--color-green: #08b94e;
	--color-cyan: #00bfbc;
	--color-blue: #086ddd;
	--color-purple: #7852ee;
	--color-pink: #d53984;
	color: var(--text-normal);
}
body.theme-dark {
	--background-primary: #1e1e1e;
	--background-secondary: #262626;
	--background-modifier-border: #363636;
	--text-normal: #dadada;
	--text-muted: #b3b3b3;
	--color-red: #fb464c;
	--color-orange: #e9973f;
	--color-green: #44cf6e;
	--color-cyan: #53dfdd;
	--color-blue: #027aff;
	--color-purple: #a882ff;
	--color-pink: #fa99cd;
}
`;

const bundles = new Map<string, string>();

/** Bundles a browser entry into one IIFE script, once per test process. */
export async function bundle(entry: string): Promise<string> {
	const cached = bundles.get(entry);
	if (cached !== undefined) {
		return cached;
	}
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		write: false,
		format: "iife",
		platform: "browser",
		target: "es2021",
		logLevel: "silent",
	});
	const code = result.outputFiles[0]?.text ?? "";
	bundles.set(entry, code);
	return code;
}

export interface PageOptions {
	width?: number;
	height?: number;
	body?: string;
}

/** Opens a page with the theme variables, styles.css and the bundled entry loaded. */
export async function openChartPage(
	browser: Browser,
	entry: string,
	options: PageOptions = {},
): Promise<Page> {
	const page = await browser.newPage({
		viewport: { width: options.width ?? 1000, height: options.height ?? 800 },
		deviceScaleFactor: 1,
	});
	page.on("pageerror", (error) => {
		throw error;
	});
	await page.setContent(
		`<!doctype html><html><head><meta charset="utf-8"></head><body>${options.body ?? '<div id="root"></div>'}</body></html>`,
	);
	await page.addStyleTag({
		content: THEME_CSS + readFileSync("styles.css", "utf8"),
	});
	await page.addScriptTag({ content: await bundle(entry) });
	return page;
}

/** Counts the pixels of a canvas whose colour is within `tolerance` of an RGB colour. */
export async function countColour(
	page: Page,
	selector: string,
	rgb: [number, number, number],
	tolerance = 40,
): Promise<number> {
	return page.evaluate(
		({ selector, rgb, tolerance }) => {
			const canvas = document.querySelector(selector);
			if (!(canvas instanceof HTMLCanvasElement)) {
				throw new Error(`no canvas matches ${selector}`);
			}
			const context = canvas.getContext("2d");
			if (context === null) {
				throw new Error("canvas has no 2D context");
			}
			const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
			let count = 0;
			for (let i = 0; i < data.length; i += 4) {
				const alpha = data[i + 3] ?? 0;
				const distance =
					Math.abs((data[i] ?? 0) - rgb[0]) +
					Math.abs((data[i + 1] ?? 0) - rgb[1]) +
					Math.abs((data[i + 2] ?? 0) - rgb[2]);
				if (alpha > 200 && distance <= tolerance) {
					count += 1;
				}
			}
			return count;
		},
		{ selector, rgb, tolerance },
	);
}
