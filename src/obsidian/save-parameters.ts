import {
	MarkdownView,
	Notice,
	TFile,
	type App,
	type MarkdownPostProcessorContext,
} from "obsidian";
import { writeParameters } from "../block/index";
import { locateBlock, replaceBody, replacementFor } from "./block-text";
import { logError } from "./log";

/** A drawn block's origin: the note, the element its block was drawn in, and the text. */
export interface DrawnBlock {
	ctx: MarkdownPostProcessorContext;
	el: HTMLElement;
	source: string;
}

/** Returns the open editor showing `path`, preferring the active one. */
function editorShowing(app: App, path: string): MarkdownView | null {
	const active = app.workspace.getActiveViewOfType(MarkdownView);
	if (active?.file?.path === path) return active;
	for (const leaf of app.workspace.getLeavesOfType("markdown")) {
		const view = leaf.view;
		if (view instanceof MarkdownView && view.file?.path === path) return view;
	}
	return null;
}

/**
 * Writes `values` into the `params` of the block a chart was drawn from. In an open
 * editor the change is one edit that undo reverts; otherwise the note file is rewritten
 * atomically. Nothing outside the block's body changes. Problems are shown as notices.
 */
export async function saveParameters(
	app: App,
	drawn: DrawnBlock,
	values: Record<string, number>,
): Promise<void> {
	const section = drawn.ctx.getSectionInfo(drawn.el);
	if (section === null) {
		new Notice(
			"Cannot save parameters from here: this view does not tell where the block is in the note. Open the note in reading view or live preview and save from there.",
		);
		return;
	}
	const { lineStart, lineEnd } = section;

	const view = editorShowing(app, drawn.ctx.sourcePath);
	if (view !== null) {
		const text = view.editor.getValue();
		const located = locateBlock(text, lineStart, lineEnd, drawn.source);
		if (!located.ok) {
			new Notice(located.message);
			return;
		}
		const { block } = located;
		const replacement = replacementFor(
			text,
			block,
			writeParameters(block.body, values),
		);
		view.editor.replaceRange(
			replacement,
			{ line: block.bodyStart, ch: 0 },
			{ line: block.closeLine, ch: 0 },
		);
		return;
	}

	const file = app.vault.getAbstractFileByPath(drawn.ctx.sourcePath);
	if (!(file instanceof TFile)) {
		new Notice(
			`Cannot save parameters: the note ${drawn.ctx.sourcePath} was not found.`,
		);
		return;
	}
	let problem: string | null = null;
	try {
		await app.vault.process(file, (text) => {
			const located = locateBlock(text, lineStart, lineEnd, drawn.source);
			if (!located.ok) {
				problem = located.message;
				return text;
			}
			const { block } = located;
			return replaceBody(text, block, writeParameters(block.body, values));
		});
	} catch (error) {
		logError(`Saving parameters to ${file.path} failed.`, error);
		problem = `Saving parameters to ${file.path} failed. The developer console has details.`;
	}
	if (problem !== null) new Notice(problem);
}
