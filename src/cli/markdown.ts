import MarkdownIt, {
	type StateBlock,
	type StateInline,
	type Token,
} from "markdown-it";
import type { VaultImages } from "./embeds";
import { addObsidianSyntax } from "./obsidian-syntax";

/** Typesets TeX to markup; `MathTypesetter` does it with MathJax. */
export interface TexRenderer {
	typeset(tex: string, display: boolean): string;
}

/** Input and output of rendering one note, passed to markdown-it as its `env`. */
export interface NoteEnv {
	/** The folder of the note, against which relative embeds resolve. */
	noteFolder: string;
	images: VaultImages;
	/** Embeds that could not be shown, in the order they appear. */
	missingEmbeds: string[];
	/**
	 * Draws one activation block body as HTML that needs no script, or null to leave each
	 * block's source in the page for the preview runtime.
	 */
	renderBlock: ((body: string) => string) | null;
	/** Activation blocks in the order they appear, with the 1-based line of their fence. */
	activationBlocks: { line: number; body: string }[];
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

/**
 * Finds the `$` that closes inline math opened before `from`, with Pandoc's rule: no space just inside either dollar, and no digit right after
 * the closing one, so "costs $5 and $6" stays text. Returns -1 when nothing closes.
 */
function findInlineMathEnd(src: string, from: number, max: number): number {
	for (let pos = from; pos < max; pos++) {
		const code = src.charCodeAt(pos);
		if (code === BACKSLASH) {
			pos += 1;
			continue;
		}
		// A backtick starts a code span, which binds tighter than math.
		if (code === BACKTICK) {
			return -1;
		}
		if (code !== DOLLAR) {
			continue;
		}
		const before = src.charCodeAt(pos - 1);
		const after = pos + 1 < max ? src.charCodeAt(pos + 1) : -1;
		if (!isSpace(before) && !isDigit(after)) {
			return pos;
		}
	}
	return -1;
}

/** Inline rule for `$tex$` and `$$tex$$` inside a paragraph, a list item or a quote. */
function mathInline(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	const start = state.pos;
	if (src.charCodeAt(start) !== DOLLAR) {
		return false;
	}

	const display = src.charCodeAt(start + 1) === DOLLAR;
	const contentStart = start + (display ? 2 : 1);
	let contentEnd: number;
	if (display) {
		contentEnd = src.indexOf("$$", contentStart);
		if (
			contentEnd < 0 ||
			contentEnd >= state.posMax ||
			src.slice(contentStart, contentEnd).trim() === ""
		) {
			return false;
		}
	} else {
		const first = src.charCodeAt(contentStart);
		if (contentStart >= state.posMax || isSpace(first) || first === DOLLAR) {
			return false;
		}
		contentEnd = findInlineMathEnd(src, contentStart, state.posMax);
		if (contentEnd < 0) {
			return false;
		}
	}

	if (!silent) {
		const token = state.push(
			display ? "math_inline_display" : "math_inline",
			"math",
			0,
		);
		token.content = src.slice(contentStart, contentEnd);
		token.markup = display ? "$$" : "$";
	}
	state.pos = contentEnd + (display ? 2 : 1);
	return true;
}

/** Returns the text of `line` without its indentation and blockquote markers. */
function lineText(state: StateBlock, line: number): string {
	const start = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
	return state.src.slice(start, state.eMarks[line]);
}

/**
 * Returns the text of `line` inside the current container: without blockquote markers
 * and a list item's indentation, but with the author's own indentation of TeX lines.
 */
function containedLineText(state: StateBlock, line: number): string {
	const lineStart = state.bMarks[line] ?? 0;
	const indent = Math.min(
		state.tShift[line] ?? 0,
		Math.max(state.blkIndent, 0),
	);
	return state.src.slice(lineStart + indent, state.eMarks[line]);
}

/**
 * Block rule for display math that starts a line with `$$`: on one line (`$$tex$$`) or
 * over several, up to the line that ends with `$$`. Treating it as a block keeps markdown
 * from reading lines of TeX (`- x`, `| a |`, four-space indents) as lists, tables or code.
 */
function mathBlock(
	state: StateBlock,
	startLine: number,
	endLine: number,
	silent: boolean,
): boolean {
	if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) {
		return false;
	}
	const first = lineText(state, startLine);
	if (!first.startsWith("$$")) {
		return false;
	}

	const firstRest = first.slice(2).trimEnd();
	let content: string;
	let lastLine = startLine;
	if (firstRest.endsWith("$$") && firstRest.length > 2) {
		// One line: `$$tex$$`. Two formulas on the line (`$$a$$ and $$b$$`) are inline math.
		content = firstRest.slice(0, -2);
		if (content.includes("$$")) {
			return false;
		}
	} else if (firstRest.includes("$$")) {
		return false;
	} else {
		const lines = [firstRest];
		let closed = false;
		for (let line = startLine + 1; line < endLine; line++) {
			const outdented = (state.sCount[line] ?? 0) < state.blkIndent;
			const text = containedLineText(state, line);
			if (outdented && text.trim() !== "") {
				break;
			}
			const trimmed = text.trimEnd();
			if (trimmed.endsWith("$$")) {
				lines.push(trimmed.slice(0, -2));
				lastLine = line;
				closed = true;
				break;
			}
			lines.push(text);
		}
		if (!closed) {
			return false;
		}
		content = lines.join("\n");
	}

	if (silent) {
		return true;
	}
	const token = state.push("math_block", "math", 0);
	token.block = true;
	token.content = content.trim();
	token.markup = "$$";
	token.map = [startLine, lastLine + 1];
	state.line = lastLine + 1;
	return true;
}

/** Adds `$...$` and `$$...$$` math, typeset to SVG by `typesetter`. */
function addMath(md: MarkdownIt, typesetter: TexRenderer): void {
	md.block.ruler.before("fence", "math_block", mathBlock, {
		alt: ["paragraph", "reference", "blockquote", "list"],
	});
	md.inline.ruler.after("escape", "math_inline", mathInline);

	md.renderer.rules.math_inline = (tokens, index) =>
		`<span class="math math-inline">${typeset(typesetter, tokens[index], false)}</span>`;
	md.renderer.rules.math_inline_display = (tokens, index) =>
		`<span class="math math-display">${typeset(typesetter, tokens[index], true)}</span>`;
	md.renderer.rules.math_block = (tokens, index) =>
		`<div class="math math-block">${typeset(typesetter, tokens[index], true)}</div>\n`;
}

function typeset(
	typesetter: TexRenderer,
	token: Token | undefined,
	display: boolean,
): string {
	return typesetter.typeset(token?.content ?? "", display);
}

/**
 * Renders ```activation blocks as the markup the preview runtime mounts charts in, and
 * records each block's body and line for the command line's warnings.
 */
function addActivationBlocks(md: MarkdownIt): void {
	const renderFence = md.renderer.rules.fence;
	md.renderer.rules.fence = (tokens, index, options, env: NoteEnv, self) => {
		const token = tokens[index];
		const language = token?.info.trim().split(/\s+/)[0] ?? "";
		if (token === undefined || language !== "activation") {
			return renderFence === undefined
				? self.renderToken(tokens, index, options)
				: renderFence(tokens, index, options, env, self);
		}

		// markdown-it keeps the line end before the closing fence; the body as written has none.
		const body = token.content.replace(/\r?\n$/, "");
		env.activationBlocks.push({ line: (token.map?.[0] ?? 0) + 1, body });
		if (env.renderBlock !== null) {
			return `<div class="activation-block">${env.renderBlock(body)}</div>\n`;
		}
		const escaped = md.utils.escapeHtml(body);
		return `<div class="activation-block"><pre class="activation-source"><code>${escaped}</code></pre></div>\n`;
	};
}

/**
 * Creates the markdown renderer for notes: CommonMark with Obsidian's defaults (a line
 * end is a line break, raw HTML is shown as text), math, Obsidian's links, embeds,
 * highlights and callouts, and activation blocks.
 */
export function createNoteRenderer(typesetter: TexRenderer): MarkdownIt {
	const md = new MarkdownIt({
		html: false,
		breaks: true,
		linkify: false,
		typographer: false,
	});
	addMath(md, typesetter);
	addObsidianSyntax(md);
	addActivationBlocks(md);
	return md;
}

/** Creates an empty `env` for rendering the note in `noteFolder`. */
export function createNoteEnv(
	noteFolder: string,
	images: VaultImages,
	renderBlock: ((body: string) => string) | null = null,
): NoteEnv {
	return {
		noteFolder,
		images,
		renderBlock,
		missingEmbeds: [],
		activationBlocks: [],
	};
}
