import type { LineCounter, YAMLError } from "yaml";
import type { BlockError } from "./spec";
import { splitLines } from "./source";

/** The maximum length of a line excerpt that a message quotes. */
const MAX_QUOTED_LENGTH = 60;

const KEY_OF_LINE = /^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:/;

/** Quotes a line for a message, shortened so that the message stays on one line. */
export function quoteLine(line: string): string {
	const trimmed = line.trim();
	const shown =
		trimmed.length > MAX_QUOTED_LENGTH
			? `${trimmed.slice(0, MAX_QUOTED_LENGTH - 3)}...`
			: trimmed;
	return `'${shown}'`;
}

/** Returns the key that a line starts with, as in `samples` for `samples: 3`. */
export function keyOfLine(line: string): string | null {
	return KEY_OF_LINE.exec(line)?.[1] ?? null;
}

function indentOf(line: string): number {
	return /^ */.exec(line)?.[0].length ?? 0;
}

function count(text: string, character: string): number {
	return text.split(character).length - 1;
}

/** Returns the first line, counting from 1, on which `quote` opens and is not closed. */
function findUnclosedQuote(
	lines: string[],
	quote: string,
	fallback: number,
): number {
	const index = lines.findIndex(
		(line) => count(line.replace(/\\./g, ""), quote) % 2 === 1,
	);
	return index === -1 ? fallback : index + 1;
}

/** Returns the last line at or before `line` on which `open` outnumbers `close`. */
function findUnclosedBracket(
	lines: string[],
	open: string,
	close: string,
	line: number,
): number {
	for (let index = Math.min(line, lines.length) - 1; index >= 0; index -= 1) {
		const text = lines[index] ?? "";
		if (count(text, open) > count(text, close)) {
			return index + 1;
		}
	}
	return line;
}

/**
 * Finds the line that breaks a map when YAML reports a key spread over several lines:
 * either the reported line's value contains ': ', or a later line contains a key that is
 * indented more than the keys it belongs with.
 */
function describeImplicitKey(
	lines: string[],
	line: number,
	column: number,
): BlockError {
	const text = lines[line - 1] ?? "";
	const value = text.slice(column - 1);
	if (/:\s/.test(value)) {
		const key = keyOfLine(text);
		return {
			line,
			key,
			message:
				`the value in ${quoteLine(text)} contains ': ', which YAML reads as a nested key; ` +
				`put the value in quotes, as in ${key ?? "function"}: "${value.trim().replace(/"/g, '\\"')}"`,
		};
	}

	// A bare function name above other keys, as in "relu" followed by "samples: 3":
	// the shorthand only applies to a body of one line.
	const bare = text.trim();
	if (keyOfLine(text) === null && indentOf(text) === 0 && bare !== "") {
		return {
			line,
			key: null,
			message:
				`${quoteLine(text)} is not a key; the one-line shorthand only works alone, ` +
				`so next to other keys write function: ${bare}`,
		};
	}

	for (let index = line; index < lines.length; index += 1) {
		const next = lines[index] ?? "";
		const key = keyOfLine(next);
		if (key !== null) {
			return {
				line: index + 1,
				key,
				message:
					`the key '${key}' in ${quoteLine(next)} is indented more than the key on line ${line}; ` +
					`indent keys of the same map equally, with spaces`,
			};
		}
	}

	return genericError(text, line, "a key is split over several lines");
}

function genericError(text: string, line: number, problem: string): BlockError {
	return {
		line,
		key: keyOfLine(text),
		message:
			`cannot read ${quoteLine(text)}: ${problem}; ` +
			`write one 'key: value' per line, such as samples: 401, with nested keys indented by spaces`,
	};
}

/** Strips the position that YAML appends to its messages, leaving the plain sentence. */
function plainYamlMessage(error: YAMLError): string {
	const first = error.message.split("\n")[0] ?? error.message;
	const sentence = first.replace(/ at line \d+, column \d+:?$/, "");
	return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** Converts one YAML parse error into a block error that points at the line to fix. */
function describeYamlError(
	error: YAMLError,
	lines: string[],
	counter: LineCounter,
): BlockError {
	const position = counter.linePos(error.pos[0]);
	const line = Math.max(1, Math.min(position.line, lines.length));
	const text = lines[line - 1] ?? "";

	switch (error.code) {
		case "DUPLICATE_KEY": {
			const key = keyOfLine(text);
			const first =
				lines.findIndex((candidate) => keyOfLine(candidate) === key) + 1;
			const earlier =
				first > 0 && first < line ? ` (it is already on line ${first})` : "";
			return {
				line,
				key,
				message: `duplicate key '${key ?? text.trim()}'${earlier}; keep one of the two lines`,
			};
		}
		case "BLOCK_AS_IMPLICIT_KEY":
		case "MULTILINE_IMPLICIT_KEY":
			return describeImplicitKey(lines, line, position.col);
		case "TAB_AS_INDENT":
			return {
				line,
				key: keyOfLine(text),
				message: `${quoteLine(text)} mixes tabs and spaces in its indent; indent with spaces only`,
			};
		default:
			break;
	}

	const message = plainYamlMessage(error);
	const quote = /missing closing (["'])/i.exec(error.message)?.[1];
	if (quote !== undefined) {
		const opened = findUnclosedQuote(lines, quote, line);
		const openedText = lines[opened - 1] ?? "";
		return {
			line: opened,
			key: keyOfLine(openedText),
			message: `unclosed quote in ${quoteLine(openedText)}; end the text with ${quote} on the same line`,
		};
	}

	const bracket = /end with an? ([\]}])/.exec(error.message)?.[1];
	if (bracket !== undefined) {
		const open = bracket === "]" ? "[" : "{";
		const opened = findUnclosedBracket(lines, open, bracket, line);
		const openedText = lines[opened - 1] ?? "";
		return {
			line: opened,
			key: keyOfLine(openedText),
			message: `unclosed '${open}' in ${quoteLine(openedText)}; close it with '${bracket}' on the same line`,
		};
	}

	if (error.code === "BAD_INDENT") {
		return {
			line,
			key: keyOfLine(text),
			message:
				`${quoteLine(text)} is indented ${indentOf(text)} spaces, unlike the keys of its map above it; ` +
				`indent keys of the same map equally, with spaces`,
		};
	}

	return genericError(text, line, message);
}

/**
 * Finds a key indented less than the block's first key, as in "  function: relu"
 * followed by "x: [-2, 2]". YAML reports every later line of such a block, in its own
 * terms, so the one line to fix is found here instead.
 */
function findOutdentedKey(lines: readonly string[]): BlockError | null {
	const keyLines = lines
		.map((text, index) => ({ text, line: index + 1 }))
		.filter(({ text }) => keyOfLine(text) !== null && !/^\s*#/.test(text));
	const first = keyLines[0];
	if (first === undefined || indentOf(first.text) === 0) {
		return null;
	}
	const firstIndent = indentOf(first.text);
	const outdented = keyLines.find(({ text }) => indentOf(text) < firstIndent);
	if (outdented === undefined) {
		return null;
	}
	const key = keyOfLine(outdented.text);
	return {
		line: outdented.line,
		key,
		message:
			`the key '${key ?? ""}' in ${quoteLine(outdented.text)} is indented less than the key on line ${first.line}; ` +
			`indent keys of the same map equally, with spaces, for example by removing the spaces before line ${first.line}`,
	};
}

/**
 * Converts YAML parse errors into block errors, one per line, each quoting the line to
 * fix and saying what to write.
 */
export function describeYamlErrors(
	errors: readonly YAMLError[],
	text: string,
	counter: LineCounter,
): BlockError[] {
	const lines = splitLines(text);
	const outdented = findOutdentedKey(lines);
	if (outdented !== null && errors.length > 0) {
		return [outdented];
	}

	const described: BlockError[] = [];
	for (const error of errors) {
		const blockError = describeYamlError(error, lines, counter);
		if (!described.some((existing) => existing.line === blockError.line)) {
			described.push(blockError);
		}
	}
	return described.sort((a, b) => a.line - b.line);
}
