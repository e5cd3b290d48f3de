/**
 * Opens headless Chromium on a page that acts as Obsidian: the API stand-in bundled from
 * tests/obsidian/stand-in, Obsidian's theme variables, the plugin's styles.css, and the
 * built main.js loaded as Obsidian loads it, as CommonJS whose `require("obsidian")`
 * returns the stand-in.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";

const ROOT = process.cwd();
const PLUGIN_FILE = join(ROOT, "main.js");

function newestSourceTime(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return path.endsWith(".ts") ? stat.mtimeMs : 0;
	let newest = 0;
	for (const entry of readdirSync(path)) {
		newest = Math.max(newest, newestSourceTime(join(path, entry)));
	}
	return newest;
}

/**
 * Returns main.js, building it first when it is missing or older than its sources. With
 * ACTIVATION_CHARTS_PREBUILT=1 in the environment it uses main.js as it is.
 */
export function builtPlugin(): string {
	if (process.env.ACTIVATION_CHARTS_PREBUILT === "1")
		return readFileSync(PLUGIN_FILE, "utf8");
	const sources = Math.max(
		newestSourceTime(join(ROOT, "main.ts")),
		newestSourceTime(join(ROOT, "src")),
	);
	if (!existsSync(PLUGIN_FILE) || statSync(PLUGIN_FILE).mtimeMs < sources) {
		const result = spawnSync(
			process.execPath,
			["esbuild.config.mjs", "production"],
			{
				cwd: ROOT,
				encoding: "utf8",
			},
		);
		if (result.status !== 0) {
			throw new Error(`Building main.js failed:\n${result.stderr}`);
		}
	}
	return readFileSync(PLUGIN_FILE, "utf8");
}

let standInBundle: string | null = null;
const uncaught = new WeakMap<Page, string[]>();

async function bundledStandIn(): Promise<string> {
	if (standInBundle !== null) return standInBundle;
	const result = await build({
		entryPoints: [join(ROOT, "tests/obsidian/stand-in/index.ts")],
		bundle: true,
		format: "iife",
		globalName: "ObsidianStandIn",
		platform: "browser",
		target: "es2021",
		write: false,
		logLevel: "silent",
	});
	const output = result.outputFiles[0];
	if (output === undefined)
		throw new Error("Bundling the Obsidian stand-in produced no file.");
	standInBundle = output.text;
	return standInBundle;
}

/** A subset of Obsidian's default theme variables, enough for the chart's colours. */
export const THEME_CSS = `
body { margin: 0; font-family: sans-serif; --font-interface: sans-serif; --font-text: sans-serif;
  --font-monospace: monospace; --font-ui-small: 13px; --line-width: 700px; }
body.theme-light { --background-primary: #ffffff; --background-secondary: #f6f6f6;
  --text-normal: #222222; --text-muted: #5c5c5c; --text-faint: #ababab; --text-error: #e93147;
  --background-modifier-border: #e0e0e0; --interactive-accent: #8a5cf5;
  --color-red: #e93147; --color-orange: #ec7500; --color-yellow: #e0ac00; --color-green: #08b94e;
  --color-cyan: #00bfbc; --color-blue: #086ddd; --color-purple: #7852ee; --color-pink: #d53984;
  background: var(--background-primary); color: var(--text-normal); }
body.theme-dark { --background-primary: #1e1e1e; --background-secondary: #262626;
  --text-normal: #dadada; --text-muted: #b3b3b3; --text-faint: #666666; --text-error: #fb464c;
  --background-modifier-border: #363636; --interactive-accent: #8a5cf5;
  --color-red: #fb464c; --color-orange: #e9973f; --color-yellow: #e0de71; --color-green: #44cf6e;
  --color-cyan: #53dfdd; --color-blue: #027aff; --color-purple: #a882ff; --color-pink: #fa99cd;
  background: var(--background-primary); color: var(--text-normal); }
.markdown-preview-view { padding: 16px 24px; }
.markdown-preview-sizer { max-width: var(--line-width); }
.mod-warning { color: var(--text-error); }
.menu { position: fixed; z-index: 30; min-width: 200px; padding: 4px;
  background: var(--background-secondary); border: 1px solid var(--background-modifier-border);
  border-radius: 6px; font-family: var(--font-interface); font-size: 14px; }
.menu-item { display: flex; gap: 8px; padding: 4px 8px; border-radius: 4px; cursor: pointer; }
.menu-item:hover { background: var(--background-modifier-border); }
.menu-separator { height: 1px; margin: 4px 0; background: var(--background-modifier-border); }
`;

function pluginStyles(): string {
	const path = join(ROOT, "styles.css");
	return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** Wraps main.js as Obsidian runs a plugin: CommonJS with `obsidian` as its only import. */
function commonJsShim(pluginSource: string): string {
	return `(function () {
  var module = { exports: {} };
  var require = function (id) {
    if (id === "obsidian") return window.ObsidianStandIn;
    throw new Error("Cannot find module '" + id + "'");
  };
  (function (module, exports, require) {
${pluginSource}
  })(module, module.exports, require);
  window.ActivationChartsModule = module.exports;
})();`;
}

export const MANIFEST = JSON.parse(
	readFileSync(join(ROOT, "manifest.json"), "utf8"),
) as {
	id: string;
	name: string;
	version: string;
	minAppVersion: string;
};

/** Opens a page with the stand-in and main.js loaded but the plugin not yet enabled. */
export async function openObsidianPage(
	browser: Browser,
	viewport = { width: 1000, height: 800 },
): Promise<Page> {
	const page = await browser.newPage({ viewport });
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(String(error)));
	uncaught.set(page, errors);
	await page.setContent(
		`<!doctype html><html><head><meta charset="utf-8"><style>${THEME_CSS}</style>` +
			`<style>${pluginStyles()}</style></head><body class="theme-light"></body></html>`,
	);
	await page.addScriptTag({ content: await bundledStandIn() });
	await page.addScriptTag({ content: commonJsShim(builtPlugin()) });
	return page;
}

/** Uncaught errors the page reported so far. */
export function pageErrors(page: Page): string[] {
	return uncaught.get(page) ?? [];
}

export { launchChromium };

declare global {
	interface Window {
		ActivationChartsModule: {
			default: new (
				app: unknown,
				manifest: unknown,
			) => import("./stand-in/ui").Plugin & {
				charts: { size: number };
				settings: import("../../src/chart/index").ChartSettings;
			};
		};
	}
}

/** Plugin data that turns animation off, so a chart is complete in its first frame. */
export const STILL = { animate: false };

/**
 * Adds a note to the stand-in's vault, stores the plugin's data, enables the plugin and
 * renders the note in reading view into a `div#note` (or a `.print` container).
 */
export async function openNote(
	page: Page,
	note: { path?: string; text: string; data?: object; print?: boolean },
): Promise<void> {
	await page.evaluate(
		async ({ path, text, data, print, manifest }) => {
			const { standIn } = window;
			standIn.app.vault.addNote(path, text);
			if (data !== undefined)
				standIn.app.pluginData.set(manifest.id, JSON.stringify(data));
			await standIn.loadPlugin(window.ActivationChartsModule.default, manifest);
			let host = document.body;
			if (print) host = host.createDiv({ cls: "print" });
			const container = host.createDiv({ attr: { id: "note" } });
			standIn.renderNote(container, path, { sectionInfo: !print });
		},
		{
			path: note.path ?? "Notes/Activations.md",
			text: note.text,
			data: note.data,
			print: note.print === true,
			manifest: MANIFEST,
		},
	);
}

/** Returns a fenced `activation` block around `body`. */
export function block(body: string): string {
	return "```activation\n" + body + "\n```";
}
