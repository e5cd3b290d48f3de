import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { findVaultRoot, VaultImages } from "./embeds";
import { createNoteEnv, createNoteRenderer } from "./markdown";
import { MathTypesetter } from "./math";
import { buildPage, type PageAssets } from "./page";
import type { Theme } from "./page-style";
import type MarkdownIt from "markdown-it";
import type { BlockReport } from "./check-block";

export interface PreviewOptions {
	/** A note, or a folder whose notes are all previewed. */
	path: string;
	/** The output file (one note only) or folder; null for the current folder. */
	out: string | null;
	/** The folder that embeds resolve against; null to look for the vault root. */
	vault: string | null;
	theme: Theme;
}

/** Called after each written page with the pages done, the pages planned and the note. */
export type PreviewProgress = (
	done: number,
	total: number,
	note: string,
) => void;

/** A problem worth telling the user about that does not stop the preview. */
export interface PreviewWarning {
	note: string;
	message: string;
}

/** Reads one activation block body; `inspectBlock` does it with the block parser. */
export type BlockInspector = (body: string) => BlockReport;

/** An error the command line reports with exit status 1 and no stack trace. */
export class PreviewError extends Error {}

/** Folders that never hold notes worth previewing. */

const SKIPPED_FOLDERS = new Set([
	".obsidian",
	".trash",
	".git",
	"node_modules",
]);

/** Returns the note's name as Obsidian shows it: the file name without `.md`. */
export function noteName(path: string): string {
	return basename(path, extname(path));
}

/** Lists the `.md` notes under `folder`, in subfolders too, sorted by path. */
export function listNotes(folder: string): string[] {
	const notes: string[] = [];
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (
			entry.isDirectory() &&
			!SKIPPED_FOLDERS.has(entry.name) &&
			!entry.name.startsWith(".")
		) {
			notes.push(...listNotes(path));
		} else if (entry.isFile() && extname(entry.name).toLowerCase() === ".md") {
			notes.push(path);
		}
	}
	return notes.sort();
}

/** Renders Markdown notes to standalone pages; one instance serves many notes. */
export class NoteRenderer {
	private readonly md: MarkdownIt;

	/**
	 * `renderBlock` draws each activation block as static HTML, for pages without script;
	 * null leaves the blocks to the preview runtime in `assets`.
	 */
	constructor(
		private readonly assets: PageAssets,
		private readonly inspectBlock: BlockInspector,
		private readonly typesetter: MathTypesetter = new MathTypesetter(),
		private readonly renderBlock: ((body: string) => string) | null = null,
	) {
		this.md = createNoteRenderer(this.typesetter);
	}

	/**
	 * Typesets the formulas of chart captions for the page's math store: one element per
	 * formula with its TeX in `data-tex`, for the preview runtime to copy into captions.
	 * NOTE: the preview runtime does not read this store yet, so live captions still
	 * show TeX source.
	 */
	private typesetCaptions(formulas: Set<string>): string {
		const items = [...formulas].map((tex) => {
			const svg = this.typesetter.typeset(tex, false);
			return `<span data-tex="${this.md.utils.escapeHtml(tex)}">${svg}</span>`;
		});
		return items.join("\n");
	}

	/** Renders the note at `notePath` and returns the page and what could not be shown. */
	render(
		notePath: string,
		markdown: string,
		images: VaultImages,
		theme: Theme,
	): { html: string; warnings: string[] } {
		const env = createNoteEnv(
			dirname(resolve(notePath)),
			images,
			this.renderBlock,
		);
		const bodyHtml = this.md.render(markdown, env);

		const warnings = env.missingEmbeds.map(
			(target) => `embed not included: ${target}`,
		);
		const captionTex = new Set<string>();
		for (const block of env.activationBlocks) {
			const report = this.inspectBlock(block.body);
			for (const problem of report.problems) {
				warnings.push(`activation block at line ${block.line}: ${problem}`);
			}
			report.captionTex.forEach((tex) => captionTex.add(tex));
		}

		const html = buildPage(
			{
				title: noteName(notePath),
				bodyHtml,
				mathStyles: this.typesetter.styleSheet(),
				// Static blocks carry their captions typeset already.
				captionMath:
					this.renderBlock === null ? this.typesetCaptions(captionTex) : "",
				theme,
			},
			this.assets,
		);
		return { html, warnings };
	}
}

function isHtmlFile(path: string): boolean {
	return /\.html?$/i.test(path);
}

/**
 * Returns where each note's page goes. One note goes to `out` when that names an .html
 * file, else into the folder `out` (the current folder when null). Notes of a folder go
 * into the output folder under their path inside the input folder.
 */
export function planOutputs(
	notes: string[],
	inputFolder: string | null,
	out: string | null,
): Map<string, string> {
	const plan = new Map<string, string>();
	const outIsFile =
		out !== null &&
		isHtmlFile(out) &&
		!(existsSync(out) && statSync(out).isDirectory());
	if (outIsFile && inputFolder !== null) {
		throw new PreviewError(
			`--out ${out} names a file, but ${inputFolder} is a folder of notes: give a folder instead.`,
		);
	}

	const outFolder = out ?? ".";
	for (const note of notes) {
		if (outIsFile) {
			plan.set(note, out);
			continue;
		}
		const inside =
			inputFolder === null ? basename(note) : relative(inputFolder, note);
		const page = join(dirname(inside), `${noteName(note)}.html`);
		plan.set(note, join(outFolder, page));
	}
	return plan;
}

/**
 * Writes the preview of one note or of every note in a folder, and returns the written
 * paths and the warnings. Bad blocks do not fail the preview: the page draws their errors.
 */
export function writePreviews(
	options: PreviewOptions,
	renderer: NoteRenderer,
	onProgress: PreviewProgress | null = null,
): { written: string[]; warnings: PreviewWarning[] } {
	if (!existsSync(options.path)) {
		throw new PreviewError(`${options.path}: note or folder not found.`);
	}
	const isFolder = statSync(options.path).isDirectory();
	const notes = isFolder ? listNotes(options.path) : [options.path];
	if (notes.length === 0) {
		throw new PreviewError(
			`${options.path}: no .md notes found in the folder.`,
		);
	}

	const vault = options.vault ?? findVaultRoot(options.path);
	if (!existsSync(vault) || !statSync(vault).isDirectory()) {
		throw new PreviewError(`--vault ${vault}: no such folder.`);
	}
	const images = new VaultImages(vault);

	const plan = planOutputs(notes, isFolder ? options.path : null, options.out);
	const written: string[] = [];
	const warnings: PreviewWarning[] = [];
	for (const [note, page] of plan) {
		// Editors on Windows often start a UTF-8 file with a byte order mark, which would
		// otherwise stop the first line from reading as a heading.
		const markdown = readFileSync(note, "utf8").replace(/^\uFEFF/, "");
		const result = renderer.render(note, markdown, images, options.theme);
		mkdirSync(dirname(page), { recursive: true });
		writeFileSync(page, result.html);
		written.push(page);
		onProgress?.(written.length, plan.size, note);
		for (const message of result.warnings) {
			warnings.push({ note, message });
		}
	}
	return { written, warnings };
}
