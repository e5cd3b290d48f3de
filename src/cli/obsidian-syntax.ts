import type MarkdownIt from "markdown-it";
import type { StateBlock, StateCore, StateInline, Token } from "markdown-it";
import { isImagePath, type ResolvedImage } from "./embeds";
import type { NoteEnv } from "./markdown";

const EXCLAMATION = 0x21;
const OPEN_BRACKET = 0x5b;
const EQUALS = 0x3d;

const PERCENT = 0x25;

function lineText(state: StateBlock, line: number): string {
	const start = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
	return state.src.slice(start, state.eMarks[line]);
}

/**
 * Block rule for YAML front matter: a `---` first line up to the next `---` line. The
 * page leaves these properties out, because they describe the note rather than form it.
 */
function frontMatterRule(
	state: StateBlock,
	startLine: number,
	endLine: number,
	silent: boolean,
): boolean {
	if (
		startLine !== 0 ||
		state.blkIndent !== 0 ||
		lineText(state, 0).trimEnd() !== "---"
	) {
		return false;
	}
	for (let line = 1; line < endLine; line++) {
		if (lineText(state, line).trimEnd() === "---") {
			if (!silent) {
				state.push("front_matter", "", 0).map = [0, line + 1];
			}
			state.line = line + 1;
			return true;
		}
	}
	return false;
}

/** Block rule for an Obsidian comment that starts a line with `%%` and spans lines. */
function commentBlockRule(
	state: StateBlock,
	startLine: number,
	endLine: number,
	silent: boolean,
): boolean {
	const first = lineText(state, startLine);
	if (!first.startsWith("%%") || first.slice(2).includes("%%")) {
		return false;
	}
	for (let line = startLine + 1; line < endLine; line++) {
		if (lineText(state, line).includes("%%")) {
			if (!silent) {
				state.push("obsidian_comment", "", 0).map = [startLine, line + 1];
			}
			state.line = line + 1;
			return true;
		}
	}
	return false;
}

/** Inline rule for an Obsidian comment, `%%hidden%%`, which reading view hides. */
function commentInlineRule(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	if (
		src.charCodeAt(state.pos) !== PERCENT ||
		src.charCodeAt(state.pos + 1) !== PERCENT
	) {
		return false;
	}
	const close = src.indexOf("%%", state.pos + 2);
	if (close < 0 || close + 2 > state.posMax) {
		return false;
	}
	if (!silent) {
		state.push("obsidian_comment", "", 0);
	}
	state.pos = close + 2;
	return true;
}

/** A parsed `[[target#heading|alias]]`. */
export interface WikiLink {
	/** The note or file name, without heading or block reference. */
	path: string;
	/** The part after `#`, or null. */
	subpath: string | null;
	/** The part after `|`, or null. */
	alias: string | null;
}

/** Splits the inside of `[[...]]` into path, `#` subpath and `|` alias. */
export function parseWikiLink(inner: string): WikiLink {
	const bar = inner.indexOf("|");
	const target = bar < 0 ? inner : inner.slice(0, bar);
	const alias = bar < 0 ? null : inner.slice(bar + 1).trim();
	const hash = target.indexOf("#");
	const path = (hash < 0 ? target : target.slice(0, hash)).trim();
	const subpath = hash < 0 ? null : target.slice(hash + 1).trim();
	return { path, subpath, alias: alias === "" ? null : alias };
}

/** Returns the text Obsidian shows for a link without alias: "Note > Heading". */
export function wikiLinkText(link: WikiLink): string {
	if (link.alias !== null) {
		return link.alias;
	}
	const subpath = link.subpath?.replace(/^\^/, "").split("#").join(" > ") ?? "";
	if (link.path === "") {
		return subpath;
	}
	return subpath === "" ? link.path : `${link.path} > ${subpath}`;
}

/** Inline rule for `[[link]]` and `![[embed]]`. */
function wikiLinkRule(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	const embed = src.charCodeAt(state.pos) === EXCLAMATION;
	const open = state.pos + (embed ? 1 : 0);
	if (
		src.charCodeAt(open) !== OPEN_BRACKET ||
		src.charCodeAt(open + 1) !== OPEN_BRACKET
	) {
		return false;
	}

	const close = src.indexOf("]]", open + 2);
	const inner = src.slice(open + 2, close);
	if (
		close < 0 ||
		close + 2 > state.posMax ||
		inner.trim() === "" ||
		inner.includes("\n")
	) {
		return false;
	}

	if (!silent) {
		const token = state.push(embed ? "obsidian_embed" : "wikilink", "", 0);
		token.content = inner;
		token.markup = embed ? "![[" : "[[";
	}
	state.pos = close + 2;
	return true;
}

/**
 * Inline rule for `==highlight==`. The text between the markers is parsed as inline
 * markdown, so emphasis and math inside a highlight still work.
 */
function highlightRule(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	const start = state.pos;
	if (
		src.charCodeAt(start) !== EQUALS ||
		src.charCodeAt(start + 1) !== EQUALS
	) {
		return false;
	}

	const contentStart = start + 2;
	const contentEnd = src.indexOf("==", contentStart);
	if (contentEnd < 0 || contentEnd >= state.posMax) {
		return false;
	}
	const content = src.slice(contentStart, contentEnd);
	if (content.trim() !== content || content === "") {
		return false;
	}

	if (!silent) {
		const posMax = state.posMax;
		state.push("mark_open", "mark", 1);
		state.pos = contentStart;
		state.posMax = contentEnd;
		state.md.inline.tokenize(state);
		state.push("mark_close", "mark", -1);
		state.posMax = posMax;
	}
	state.pos = contentEnd + 2;
	return true;
}

/** `> [!type]` with an optional fold marker and title, on a callout's first line. */
const CALLOUT_HEADER = /^\[!([\w-]+)\]([+-]?)[ \t]*(.*)$/;

function findClosing(tokens: Token[], openIndex: number): number {
	const level = tokens[openIndex]?.level;
	for (let index = openIndex + 1; index < tokens.length; index++) {
		const token = tokens[index];
		if (token?.type === "blockquote_close" && token.level === level) {
			return index;
		}
	}
	return -1;
}

/** Turns the blockquote at `openIndex` into a callout when it starts with `[!type]`. */
function convertCallout(state: StateCore, openIndex: number): void {
	const tokens = state.tokens;
	const open = tokens[openIndex];
	const paragraph = tokens[openIndex + 1];
	const inline = tokens[openIndex + 2];
	if (
		open === undefined ||
		paragraph?.type !== "paragraph_open" ||
		inline?.type !== "inline"
	) {
		return;
	}
	const lineEnd = inline.content.indexOf("\n");
	const header =
		lineEnd < 0 ? inline.content : inline.content.slice(0, lineEnd);
	const match = CALLOUT_HEADER.exec(header.trim());
	const closeIndex = findClosing(tokens, openIndex);
	if (match === null || closeIndex < 0) {
		return;
	}

	const type = (match[1] ?? "note").toLowerCase();
	const title =
		match[3] === undefined || match[3] === ""
			? type.charAt(0).toUpperCase() + type.slice(1)
			: match[3];
	const close = tokens[closeIndex];
	open.tag = "div";
	open.attrSet("class", "callout");
	open.attrSet("data-callout", type);
	if (close !== undefined) {
		close.tag = "div";
	}

	const titleOpen = new state.Token("callout_title_open", "div", 1);
	titleOpen.attrSet("class", "callout-title");
	const titleInline = new state.Token("inline", "", 0);
	titleInline.content = title;
	titleInline.children = [];
	const titleClose = new state.Token("callout_title_close", "div", -1);
	const contentOpen = new state.Token("callout_content_open", "div", 1);
	contentOpen.attrSet("class", "callout-content");
	const contentClose = new state.Token("callout_content_close", "div", -1);
	for (const token of [titleOpen, titleClose, contentOpen, contentClose]) {
		token.block = true;
	}

	// The header line becomes the title; whatever follows it stays the first paragraph.
	const rest = lineEnd < 0 ? "" : inline.content.slice(lineEnd + 1);
	const body = tokens.slice(openIndex + 1, closeIndex);
	if (rest.trim() === "") {
		body.splice(0, 3);
	} else {
		inline.content = rest;
	}
	tokens.splice(
		openIndex + 1,
		closeIndex - openIndex - 1,
		titleOpen,
		titleInline,
		titleClose,
		contentOpen,
		...body,
		contentClose,
	);
}

/** Core rule that runs after block parsing, before inline parsing, to find callouts. */
function calloutRule(state: StateCore): void {
	// Walks backwards so that inserting tokens does not shift blockquotes still to visit.
	for (let index = state.tokens.length - 1; index >= 0; index--) {
		if (state.tokens[index]?.type === "blockquote_open") {
			convertCallout(state, index);
		}
	}
}

function missingBox(label: string): string {
	return `<span class="embed-missing" role="img" aria-label="${label}">${label}</span>`;
}

/** Returns the label of the box drawn in place of an image that cannot be shown. */
function missingLabel(
	reason: Exclude<ResolvedImage, { ok: true }>["reason"],
	target: string,
): string {
	switch (reason) {
		case "missing":
			return `Missing image: ${target}`;
		case "remote":
			return `Remote image not loaded (the preview works offline): ${target}`;
		case "too-large":
			return `Image too large to embed: ${target}`;
		case "not-an-image":
			return `Embedded file not included: ${target}`;
	}
}

/** Renders an image, or its placeholder box, and records embeds that cannot be shown. */
function renderImage(
	md: MarkdownIt,
	env: NoteEnv,
	target: string,
	alt: string,
	size: string | null,
): string {
	const image = env.images.resolve(target, env.noteFolder);
	if (!image.ok) {
		env.missingEmbeds.push(target);
		return missingBox(missingLabel(image.reason, md.utils.escapeHtml(target)));
	}

	// `|300` sets the width and `|300x200` both sides, in CSS pixels.
	const sizeMatch =
		size === null ? null : /^(\d+)(?:x(\d+))?$/.exec(size.trim());
	const width = sizeMatch?.[1] === undefined ? "" : ` width="${sizeMatch[1]}"`;
	const height =
		sizeMatch?.[2] === undefined ? "" : ` height="${sizeMatch[2]}"`;
	return `<img src="${image.dataUri}" alt="${md.utils.escapeHtml(alt)}"${width}${height}>`;
}

function renderEmbed(md: MarkdownIt, env: NoteEnv, token: Token): string {
	const link = parseWikiLink(token.content);
	if (isImagePath(link.path)) {
		return renderImage(md, env, link.path, link.path, link.alias);
	}
	env.missingEmbeds.push(link.path);
	return missingBox(
		`Embedded note not included: ${md.utils.escapeHtml(wikiLinkText(link))}`,
	);
}

function renderWikiLink(md: MarkdownIt, token: Token): string {
	const link = parseWikiLink(token.content);
	const title = md.utils.escapeHtml(
		link.path + (link.subpath === null ? "" : `#${link.subpath}`),
	);
	const text = md.utils.escapeHtml(wikiLinkText(link));
	return `<span class="internal-link" title="${title}">${text}</span>`;
}

/** Decodes a markdown image destination, which markdown-it percent-encodes. */
function decodeDestination(src: string): string {
	try {
		return decodeURIComponent(src);
	} catch {
		return src;
	}
}

/**
 * Adds Obsidian's own syntax: `[[wikilinks]]` shown as link-styled text (other notes are
 * not part of the page), `![[embeds]]` and `![alt](path)` images read from the vault as
 * data: URIs, `==highlights==`, `> [!type] Title` callouts, and hides front matter and
 * `%%comments%%`.
 */
export function addObsidianSyntax(md: MarkdownIt): void {
	md.inline.ruler.before("link", "wikilink", wikiLinkRule);
	md.inline.ruler.before("emphasis", "highlight", highlightRule);
	md.core.ruler.after("block", "callout", calloutRule);
	md.block.ruler.before("hr", "front_matter", frontMatterRule);
	md.block.ruler.before("paragraph", "obsidian_comment", commentBlockRule, {
		alt: ["paragraph"],
	});
	md.inline.ruler.before("emphasis", "obsidian_comment", commentInlineRule);
	md.renderer.rules.front_matter = () => "";
	md.renderer.rules.obsidian_comment = () => "";

	md.renderer.rules.wikilink = (tokens, index) => {
		const token = tokens[index];
		return token === undefined ? "" : renderWikiLink(md, token);
	};
	md.renderer.rules.obsidian_embed = (
		tokens,
		index,
		_options,
		env: NoteEnv,
	) => {
		const token = tokens[index];
		return token === undefined ? "" : renderEmbed(md, env, token);
	};
	md.renderer.rules.image = (tokens, index, options, env: NoteEnv, self) => {
		const token = tokens[index];
		if (token === undefined) {
			return "";
		}
		const target = decodeDestination(token.attrGet("src") ?? "");
		const alt = self.renderInlineAsText(token.children ?? [], options, env);
		// Obsidian reads `![alt|300](path)` as a width.
		const bar = alt.lastIndexOf("|");
		const size = bar < 0 ? null : alt.slice(bar + 1);
		const text =
			bar < 0 || !/^\d+(x\d+)?$/.test(size ?? "") ? alt : alt.slice(0, bar);
		return renderImage(md, env, target, text, bar < 0 ? null : size);
	};
}
