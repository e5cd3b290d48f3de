/**
 * A stand-in for the `obsidian` module, for browser tests of the built plugin. It models
 * the parts of Obsidian's API (as obsidian.d.ts describes them) that the plugin uses,
 * plus controls, marked as stand-in extras, that let tests act as Obsidian and the user.
 */
import { clipboard, installClipboard } from "./clipboard";
import { installDomHelpers } from "./dom";
import { menus, type Menu } from "./menu";
import { NoteRenderer, type RenderOptions } from "./renderer";
import { tracker } from "./tracking";
import * as ui from "./ui";
import { App, Editor, MarkdownView, TFile } from "./workspace";

export { Component, Events, MarkdownRenderChild } from "./component";
export { FileManager } from "./file-manager";
export { Menu, MenuItem, MenuSeparator } from "./menu";
export {
	FuzzySuggestModal,
	Modal,
	Notice,
	Plugin,
	PluginSettingTab,
	Setting,
	SuggestModal,
	finishRenderMath,
	normalizePath,
	renderMath,
} from "./ui";
export {
	App,
	Editor,
	MarkdownView,
	TAbstractFile,
	TFile,
	Vault,
	View,
	Workspace,
	WorkspaceLeaf,
} from "./workspace";

type PluginClass = new (app: App, manifest: ui.PluginManifest) => ui.Plugin;

/** Sets a window up as Obsidian does its main and pop-out windows. */
function installWindow(win: Window & typeof window): void {
	installDomHelpers(win);
	installClipboard(win);
	tracker.install(win);
}

installWindow(window);

const app = new App();
const plugins: ui.Plugin[] = [];
const renderers: NoteRenderer[] = [];

/** Controls for tests: everything here is a stand-in extra, not Obsidian's API. */
export const standIn = {
	app,
	tracker,
	notices: ui.shownNotices,
	mathRendered: ui.mathRendered,
	/** The clipboard installed where the page has none, as on about:blank. */
	clipboard,
	installWindow,
	/** Plugins loaded and notes rendered so far, oldest first. */
	plugins,
	renderers,

	mathFlushes(): number {
		return ui.mathFlushes;
	},

	openModal(): ui.SuggestModal<unknown> | null {
		return ui.modals.open;
	},

	/** Returns the context menu shown now, or null. */
	openMenu(): Menu | null {
		return menus.open;
	},

	/** Loads a plugin as enabling it does, and waits for its onload. */
	async loadPlugin(
		Plugin: PluginClass,
		manifest: ui.PluginManifest,
	): Promise<ui.Plugin> {
		const plugin = new Plugin(app, manifest);
		plugins.push(plugin);
		plugin.load();
		await plugin.loading;
		return plugin;
	},

	/** Opens a note in a Markdown editor leaf and makes it the active view. */
	openInEditor(path: string): MarkdownView {
		const file = app.vault.getAbstractFileByPath(path);
		if (!(file instanceof TFile)) throw new Error(`No note at ${path}`);
		return app.workspace.openNote(file);
	},

	/** The editor of the active Markdown view, if any. */
	activeEditor(): Editor | null {
		return app.workspace.getActiveViewOfType(MarkdownView)?.editor ?? null;
	},

	/** Changes a note on disk, as an edit from outside the open views does. */
	writeNote(path: string, text: string): void {
		const file = app.vault.getAbstractFileByPath(path);
		if (!(file instanceof TFile)) throw new Error(`No note at ${path}`);
		app.vault.write(file, text);
	},

	/** Renders a note from the vault into `containerEl` in reading view. */
	renderNote(
		containerEl: HTMLElement,
		path: string,
		options?: RenderOptions,
	): NoteRenderer {
		const file = app.vault.getAbstractFileByPath(path);
		if (!(file instanceof TFile)) throw new Error(`No note at ${path}`);
		const renderer = new NoteRenderer(app, containerEl, file, options);
		renderer.load();
		renderers.push(renderer);
		return renderer;
	},

	/** Canvases under `root` with at least one pixel drawn, so not blank. */
	inkedCanvases(root: ParentNode): number {
		let count = 0;
		for (const canvas of Array.from(root.querySelectorAll("canvas"))) {
			if (canvas.width === 0 || canvas.height === 0) continue;
			const context = canvas.getContext("2d");
			const pixels = context?.getImageData(
				0,
				0,
				canvas.width,
				canvas.height,
			).data;
			if (pixels === undefined) continue;
			for (let index = 3; index < pixels.length; index += 4) {
				if ((pixels[index] ?? 0) > 0) {
					count++;
					break;
				}
			}
		}
		return count;
	},

	/** The setting named `name` under `containerEl`, as the settings tab lists it. */
	settingNamed(containerEl: HTMLElement, name: string): HTMLElement | null {
		const settings = Array.from(
			containerEl.querySelectorAll<HTMLElement>(".setting-item"),
		);
		return (
			settings.find(
				(el) => el.querySelector(".setting-item-name")?.textContent === name,
			) ?? null
		);
	},

	/** Types into an input or picks from a select, firing the event the user's action does. */
	typeInto(input: HTMLInputElement | HTMLSelectElement, value: string): void {
		input.value = value;
		input.dispatchEvent(
			new Event(input.tagName === "SELECT" ? "change" : "input"),
		);
	},

	/** Waits for `count` animation frames of `win`, so observers and redraws have run. */
	async frames(count: number, win: Window = window): Promise<void> {
		for (let frame = 0; frame < count; frame++) {
			await new Promise((resolve) => win.requestAnimationFrame(resolve));
		}
	},

	/** Switches the theme class on a window's body and fires `css-change`, as Obsidian does. */
	setTheme(theme: "light" | "dark", win: Window = window): void {
		const body = win.document.body;
		body.classList.toggle("theme-light", theme === "light");
		body.classList.toggle("theme-dark", theme === "dark");
		app.workspace.trigger("css-change");
	},
};

declare global {
	interface Window {
		standIn: typeof standIn;
	}
}

window.standIn = standIn;
