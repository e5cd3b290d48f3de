/**
 * Finding an `activation` block in a note's text and replacing its body, touching no
 * byte outside the body. Plain string work, so tests run it without Obsidian.
 */

/** A line of the note: its text without the line break, and where it starts. */
interface Line {
	text: string;
	start: number;
}

/** The body of one block: lines `bodyStart` up to, not including, `closeLine` (0-based). */
export interface BlockBody {
	bodyStart: number;
	closeLine: number;
	/** Offsets into the note's text: the body's first character and the closing fence's. */
	from: number;
	to: number;
	/** Text before the fence on its line: indentation, or `> ` inside a callout. */
	prefix: string;
	/** The body's lines as written, line breaks removed. */
	rawLines: string[];
	/** The body as the code-block processor receives it: prefix removed, lines joined by \n. */
	body: string;
}

export type Located =
	{ ok: true; block: BlockBody } | { ok: false; message: string };

const OPENING_FENCE =
	/^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})[ \t]*activation(?:[ \t].*)?$/;

function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	while (start <= text.length) {
		const end = text.indexOf("\n", start);
		const stop = end === -1 ? text.length : end;
		const withoutReturn = text.slice(start, stop).replace(/\r$/, "");
		lines.push({ text: withoutReturn, start });
		if (end === -1) break;
		start = end + 1;
	}
	return lines;
}

function stripPrefix(line: string, prefix: string): string | null {
	if (line.startsWith(prefix)) return line.slice(prefix.length);
	// An empty line inside a callout is often written as a bare `>`.
	const bare = prefix.trimEnd();
	if (line.trimEnd() === bare) return "";
	return null;
}

function isClosingFence(line: string, fence: string): boolean {
	const trimmed = line.trim();
	const char = fence.charAt(0);
	return (
		trimmed.length >= fence.length && [...trimmed].every((c) => c === char)
	);
}

/** Drops trailing blank lines and spaces, which change nothing the chart draws. */
function comparable(body: string): string {
	return body.replace(/\r\n/g, "\n").replace(/\s+$/, "");
}

function readBlock(
	lines: Line[],
	open: number,
	lastLine: number,
	text: string,
): BlockBody | null {
	const match = OPENING_FENCE.exec(lines[open]?.text ?? "");
	if (match === null) return null;
	const prefix = match[1] ?? "";
	const fence = match[2] ?? "```";
	const rawLines: string[] = [];
	const bodyLines: string[] = [];
	for (let index = open + 1; index <= lastLine; index++) {
		const line = lines[index];
		if (line === undefined) break;
		const stripped = stripPrefix(line.text, prefix);
		if (stripped === null) return null;
		if (isClosingFence(stripped, fence)) {
			return {
				bodyStart: open + 1,
				closeLine: index,
				from: lines[open + 1]?.start ?? text.length,
				to: line.start,
				prefix,
				rawLines,
				body: bodyLines.join("\n"),
			};
		}
		rawLines.push(line.text);
		bodyLines.push(stripped);
	}
	return null;
}

/**
 * Finds, between lines `lineStart` and `lineEnd` (0-based, inclusive, as Obsidian's
 * section information gives them), the one `activation` block whose body is `drawn`.
 * Rejects a section where the block is missing, unclosed, edited since it was drawn, or
 * written more than once with the same body.
 */
export function locateBlock(
	text: string,
	lineStart: number,
	lineEnd: number,
	drawn: string,
): Located {
	const lines = splitLines(text);
	const last = Math.min(lineEnd, lines.length - 1);
	const blocks: BlockBody[] = [];
	for (let index = Math.max(0, lineStart); index <= last; index++) {
		const block = readBlock(lines, index, last, text);
		if (block === null) continue;
		blocks.push(block);
		index = block.closeLine;
	}
	if (blocks.length === 0) {
		return {
			ok: false,
			message:
				"The block is no longer where the chart was drawn from, or its closing fence is missing. Check the note and try again.",
		};
	}
	const target = comparable(drawn);
	const matching = blocks.filter((block) => comparable(block.body) === target);
	if (matching.length === 0) {
		return {
			ok: false,
			message:
				"The block's text changed since the chart was drawn. Let the chart redraw, then save again.",
		};
	}
	const [block] = matching;
	if (block === undefined || matching.length > 1) {
		return {
			ok: false,
			message: `This part of the note has ${matching.length} identical activation blocks, so the chart cannot tell which one to change. Make the blocks differ, then save again.`,
		};
	}
	return { ok: true, block };
}

/**
 * Returns the body lines for `newBody` as they go into the note: each line of `newBody`
 * that is also an old line, in order, keeps its old text byte for byte; new lines get
 * the block's prefix.
 */
function bodyLinesFor(block: BlockBody, newBody: string): string[] {
	const stripped = block.rawLines.map(
		(raw) => stripPrefix(raw, block.prefix) ?? raw,
	);
	const lines = newBody.replace(/\r\n/g, "\n").split("\n");
	if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
	let next = 0;
	return lines.map((line) => {
		const found = stripped.indexOf(line, next);
		if (found === -1) return block.prefix + line;
		next = found + 1;
		return block.rawLines[found] ?? block.prefix + line;
	});
}

/** Detects the note's line break from the line that closes the block's first line. */
function lineBreakOf(text: string, block: BlockBody): string {
	return text.charAt(block.from - 2) === "\r" ? "\r\n" : "\n";
}

/**
 * Returns the text that replaces the body between `block.from` and `block.to`: the new
 * lines, each followed by the note's line break.
 */
export function replacementFor(
	text: string,
	block: BlockBody,
	newBody: string,
): string {
	const lineBreak = lineBreakOf(text, block);
	return bodyLinesFor(block, newBody)
		.map((line) => line + lineBreak)
		.join("");
}

/** Returns `text` with the block's body replaced; everything else is unchanged. */
export function replaceBody(
	text: string,
	block: BlockBody,
	newBody: string,
): string {
	return (
		text.slice(0, block.from) +
		replacementFor(text, block, newBody) +
		text.slice(block.to)
	);
}
