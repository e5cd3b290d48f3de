/** Keys that a block accepts, in the order the documentation lists them. */
export const BLOCK_KEYS = [
	"function",
	"params",
	"x",
	"samples",
	"y",
	"gradient-y",
	"show",
	"layout",
	"at",
	"annotate",
	"caption",
	"title",
] as const;

export type BlockKey = (typeof BLOCK_KEYS)[number];

/** Tab widths tried, in this order, when a block indents with tabs. */
export const TAB_WIDTHS = [2, 4, 8] as const;

/** `name:` at the start of a line, which no expression can begin with. */
const KEY_AT_LINE_START = /^([A-Za-z_][\w-]*)\s*:(?:\s|$)/;

/** A known key followed by a colon and no space, as in `samples:3`. */
const KNOWN_KEY_WITHOUT_SPACE = new RegExp(
	`^([ \\t]*(?:-[ \\t]+)?(?:${BLOCK_KEYS.join("|")}):)(?=\\S)`,
);

/** The key and the white space before a `function:` value, also as a list item. */
const FUNCTION_LINE = /^([ \t]*(?:-[ \t]+)?function[ \t]*:[ \t]+)/;

/**
 * Returns where a trailing YAML comment starts, with the white space before its `#`,
 * or -1 without one. A plain loop rather than a regular expression, so that long runs
 * of spaces take linear time.
 */
export function findTrailingComment(text: string): number {
	const hash = text.search(/[ \t]#/);
	if (hash === -1) {
		return -1;
	}
	let start = hash;
	while (start > 0 && /[ \t]/.test(text.charAt(start - 1))) {
		start -= 1;
	}
	return start;
}

/** Returns `text` without its trailing YAML comment. */
export function stripTrailingComment(text: string): string {
	const start = findTrailingComment(text);
	return start === -1 ? text : text.slice(0, start);
}

/** The one line of a shorthand body, as the source of its only function. */
export interface Shorthand {
	source: string;
	/** The 1-based line of the body that contains the function. */
	line: number;
}

/** Splits a body into lines, accepting both `\n` and `\r\n` line ends. */
export function splitLines(text: string): string[] {
	return text.split(/\r?\n/);
}

function isContentLine(line: string): boolean {
	const trimmed = line.trim();
	return trimmed !== "" && !trimmed.startsWith("#");
}

/** Returns the 1-based numbers of the lines that are neither blank nor comments. */
export function contentLines(text: string): number[] {
	const numbers: number[] = [];
	splitLines(text).forEach((line, index) => {
		if (isContentLine(line)) {
			numbers.push(index + 1);
		}
	});
	return numbers;
}

/**
 * Returns the shorthand function when the body has one content line that is not YAML
 * structure: `relu`, `x > 0 ? x : 0.1 * x` and `-x` are shorthand, while `function: relu`,
 * `sample: 3` and `{function: relu}` are YAML. A quoted line is unquoted, and a trailing
 * `# comment` is dropped.
 */
export function findShorthand(text: string): Shorthand | null {
	const numbers = contentLines(text);
	const lineNumber = numbers[0];
	if (numbers.length !== 1 || lineNumber === undefined) {
		return null;
	}

	const line = splitLines(text)[lineNumber - 1] ?? "";
	const trimmed = stripTrailingComment(line.trim());
	const isYaml =
		KEY_AT_LINE_START.test(trimmed) ||
		KNOWN_KEY_WITHOUT_SPACE.test(trimmed) ||
		trimmed.startsWith("{") ||
		trimmed.startsWith("[");
	if (isYaml) {
		return null;
	}

	return { source: unquote(trimmed), line: lineNumber };
}

function unquote(text: string): string {
	const quote = text[0];
	if (
		text.length < 2 ||
		(quote !== '"' && quote !== "'") ||
		!text.endsWith(quote)
	) {
		return text;
	}
	const inner = text.slice(1, -1);
	if (quote === "'") {
		return inner.replace(/''/g, "'");
	}
	try {
		return JSON.parse(text) as string;
	} catch {
		// A YAML escape that JSON lacks, such as \x41, is left as written.
		return inner;
	}
}

/** One piece of the normalized text and the piece of the original it came from. */
interface Piece {
	normalizedStart: number;
	normalizedLength: number;
	originalStart: number;
	originalLength: number;
}

/**
 * A body rewritten so that YAML accepts it, with a map from offsets in the rewritten
 * text back to the original. Lines are never added or removed, so line numbers agree.
 */
export interface NormalizedSource {
	text: string;
	/** True when the rewrite changed anything. */
	changed: boolean;
	/**
	 * Maps an offset of `text` to the offset of the same character in the original.
	 * Offsets inside a rewritten piece map to that piece's start.
	 */
	toOriginal(offset: number): number;
}

class NormalizedBuilder {
	private readonly pieces: Piece[] = [];
	private normalized = "";
	private original = 0;

	/** Appends `originalText` unchanged. */
	copy(originalText: string): void {
		this.replace(originalText, originalText);
	}

	/** Appends `replacement` in place of `originalText`. */
	replace(originalText: string, replacement: string): void {
		this.pieces.push({
			normalizedStart: this.normalized.length,
			normalizedLength: replacement.length,
			originalStart: this.original,
			originalLength: originalText.length,
		});
		this.normalized += replacement;
		this.original += originalText.length;
	}

	build(original: string): NormalizedSource {
		const pieces = this.pieces;
		return {
			text: this.normalized,
			changed: this.normalized !== original,
			toOriginal(offset: number): number {
				for (const piece of pieces) {
					const end = piece.normalizedStart + piece.normalizedLength;
					if (offset < piece.normalizedStart || offset >= end) {
						continue;
					}
					const sameText = piece.normalizedLength === piece.originalLength;
					const inside = sameText ? offset - piece.normalizedStart : 0;
					return piece.originalStart + inside;
				}
				return original.length;
			},
		};
	}
}

/** Expands tabs in leading white space to the next multiple of `tabWidth` columns. */
function expandIndent(indent: string, tabWidth: number): string {
	let column = 0;
	for (const character of indent) {
		column =
			character === "\t"
				? (Math.floor(column / tabWidth) + 1) * tabWidth
				: column + 1;
	}
	return " ".repeat(column);
}

/** Appends one line without its indent: a known key gets a space after its colon, and a
 * `function:` value that contains ': ' is quoted, because YAML would read it as a nested
 * map, which no block means. */
function appendLineBody(builder: NormalizedBuilder, body: string): void {
	const keyMatch = KNOWN_KEY_WITHOUT_SPACE.exec(body);
	if (keyMatch !== null) {
		const head = keyMatch[1] ?? "";
		builder.copy(head);
		builder.replace("", " ");
		body = body.slice(head.length);
		if (!/^[ \t]*(?:-[ \t]+)?function:$/.test(head)) {
			builder.copy(body);
			return;
		}
		appendFunctionValue(builder, body);
		return;
	}

	const functionMatch = FUNCTION_LINE.exec(body);
	if (functionMatch === null) {
		builder.copy(body);
		return;
	}
	const head = functionMatch[1] ?? "";
	builder.copy(head);
	appendFunctionValue(builder, body.slice(head.length));
}

function appendFunctionValue(builder: NormalizedBuilder, rest: string): void {
	const commentStart = findTrailingComment(rest);
	const value = commentStart === -1 ? rest : rest.slice(0, commentStart);
	const tail = commentStart === -1 ? "" : rest.slice(commentStart);
	if (/^["'[{|>!&*#]/.test(value) || !/:\s/.test(value)) {
		builder.copy(rest);
		return;
	}
	builder.replace(value, JSON.stringify(value.trimEnd()));
	builder.copy(tail);
}

/**
 * Rewrites a body so that YAML accepts what users paste: leading tabs become spaces
 * (`tabWidth` columns a tab), a known key gets a space after its colon (`samples:3`),
 * and a `function:` value that contains ': ' is quoted.
 */
export function normalizeSource(
	text: string,
	tabWidth: number,
): NormalizedSource {
	const builder = new NormalizedBuilder();
	for (const part of text.split(/(\r?\n)/)) {
		if (part === "\n" || part === "\r\n") {
			builder.copy(part);
			continue;
		}

		const indent = /^[ \t]*/.exec(part)?.[0] ?? "";
		if (indent.includes("\t")) {
			builder.replace(indent, expandIndent(indent, tabWidth));
		} else {
			builder.copy(indent);
		}
		appendLineBody(builder, part.slice(indent.length));
	}
	return builder.build(text);
}

/** Returns true when some line of the body is indented with a tab. */
export function hasTabIndent(text: string): boolean {
	return splitLines(text).some((line) => /^[ ]*\t/.test(line));
}
