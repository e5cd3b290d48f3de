import { Menu, Notice, type App } from "obsidian";
import {
	canvasToPng,
	exportScale,
	type DataFormat,
	type ExportableBlockView,
} from "../chart/export";
import { logError } from "./log";

/** A drawn block and the context that the export actions read. */
export interface ExportTarget {
	app: App;
	/** The chart, or null when the block is not drawn. */
	view: ExportableBlockView | null;
	/** The note the block is in, for the attachment folder. */
	sourcePath: string;
	/** The block's title, for the file name. */
	title: string;
}

/**
 * Returns a file name for a chart image: the title with characters that file systems
 * or wikilinks reject replaced by "-", and "activation chart" for an empty title.
 */
export function imageFileName(title: string): string {
	const name = title
		.replace(/[\\/:*?"<>|#^[\]]+/g, "-")
		.replace(/\s+/g, " ")
		.trim();
	return `${name === "" ? "activation chart" : name}.png`;
}

async function pngOf(view: ExportableBlockView): Promise<Blob | null> {
	const canvas = view.snapshot(exportScale(view.element));
	return canvas === null ? null : canvasToPng(canvas);
}

/** Copies the chart as a PNG image at twice the screen's resolution. */
export async function copyChartImage(target: ExportTarget): Promise<void> {
	const png = target.view === null ? null : await pngOf(target.view);
	if (png === null) {
		new Notice("This block has no chart to copy.");
		return;
	}
	await navigator.clipboard.write([new ClipboardItem({ "image/png": png })]);
	new Notice("Chart copied as PNG.");
}

/** Saves the chart as a PNG file in the vault's attachment folder for the note. */
export async function saveChartImage(target: ExportTarget): Promise<void> {
	const png = target.view === null ? null : await pngOf(target.view);
	if (png === null) {
		new Notice("This block has no chart to save.");
		return;
	}
	const path = await target.app.fileManager.getAvailablePathForAttachment(
		imageFileName(target.title),
		target.sourcePath,
	);
	await target.app.vault.createBinary(path, await png.arrayBuffer());
	new Notice(`Chart saved as ${path}.`);
}

/** Copies the sampled x, f(x) and f'(x) as CSV or as a Markdown table. */
export async function copyChartData(
	target: ExportTarget,
	format: DataFormat,
): Promise<void> {
	const text = target.view?.samplesText(format) ?? null;
	if (text === null) {
		new Notice("This block has no chart data to copy.");
		return;
	}
	await navigator.clipboard.writeText(text);
	new Notice(
		format === "csv"
			? "Chart data copied as CSV."
			: "Chart data copied as a Markdown table.",
	);
}

/** Runs an export action and reports a failure in a notice and on the console. */
export function runExport(what: string, action: () => Promise<void>): void {
	action().catch((error: unknown) => {
		logError(`${what} failed.`, error);
		const reason = error instanceof Error ? error.message : String(error);
		new Notice(`${what} failed: ${reason}`);
	});
}

/** Shows the chart's context menu at the pointer: copy or save as PNG, copy data. */
export function showChartMenu(event: MouseEvent, target: ExportTarget): void {
	if (target.view === null) return;
	event.preventDefault();
	const menu = new Menu();
	menu.addItem((item) =>
		item
			.setTitle("Copy as PNG")
			.setIcon("image")
			.onClick(() =>
				runExport("Copying the chart", () => copyChartImage(target)),
			),
	);
	menu.addItem((item) =>
		item
			.setTitle("Save as PNG")
			.setIcon("image-down")
			.onClick(() =>
				runExport("Saving the chart", () => saveChartImage(target)),
			),
	);
	menu.addItem((item) =>
		item
			.setTitle("Copy data as CSV")
			.setIcon("table")
			.onClick(() =>
				runExport("Copying the chart data", () => copyChartData(target, "csv")),
			),
	);
	menu.addItem((item) =>
		item
			.setTitle("Copy data as Markdown table")
			.setIcon("table")
			.onClick(() =>
				runExport("Copying the chart data", () =>
					copyChartData(target, "markdown"),
				),
			),
	);
	menu.showAtMouseEvent(event);
}
