import {
	isMap,
	isScalar,
	parseDocument,
	type Node,
	type Pair,
	type YAMLMap,
} from "yaml";
import {
	findShorthand,
	findTrailingComment,
	splitLines,
	type NormalizedSource,
} from "./source";
import { parseYamlBody } from "./yaml-body";

/** Significant digits kept when a slider value is written, which drops float noise like 0.30000000000000004. */
const WRITTEN_DIGITS = 12;

/** A parameter's name; other names are skipped so that they cannot change the YAML structure. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A change to the original text: `text` replaces the characters from `start` to `end`. */
interface Edit {
	start: number;
	end: number;
	text: string;
}

function formatValue(value: number): string {
	const rounded = Number(value.toPrecision(WRITTEN_DIGITS));
	return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Applies edits from the end backwards; edits at the same offset keep their order. */
function applyEdits(text: string, edits: Edit[]): string {
	let result = text;
	const ordered = edits.map((edit, index) => ({ edit, index }));
	ordered.sort((a, b) => b.edit.start - a.edit.start || b.index - a.index);
	for (const { edit } of ordered) {
		result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
	}
	return result;
}

/** Writes a function source as a YAML value that reads back as exactly that text. */
function yamlScalar(source: string): string {
	const plain = parseDocument(`function: ${source}`);
	const root = plain.contents;
	const readBack: unknown = isMap(root) ? root.get("function") : undefined;
	return plain.errors.length === 0 && readBack === source
		? source
		: JSON.stringify(source);
}

/** Line starts and the line end of the original text. */
class OriginalLines {
	readonly starts: number[] = [0];
	readonly newline: string;

	constructor(readonly text: string) {
		for (let index = 0; index < text.length; index += 1) {
			if (text[index] === "\n") {
				this.starts.push(index + 1);
			}
		}
		this.newline = text.includes("\r\n") ? "\r\n" : "\n";
	}

	/** Returns the offset just after line `line` (1-based) and its line end, or the text's end. */
	after(line: number): number {
		return this.starts[line] ?? this.text.length;
	}

	/** Returns the leading white space of line `line`, as written. */
	indentOf(line: number): string {
		const start = this.starts[line - 1] ?? 0;
		return /^[ \t]*/.exec(this.text.slice(start))?.[0] ?? "";
	}

	/** Returns one level of indent: a tab when the body indents with tabs, else two spaces. */
	indentUnit(): string {
		return splitLines(this.text).some((line) => line.startsWith("\t"))
			? "\t"
			: "  ";
	}

	/** Returns an edit that adds `lines` after line `line`, starting a new line if the text does not end with one. */
	insertAfter(line: number, lines: string[]): Edit {
		const offset = this.after(line);
		const needsBreak =
			offset === this.text.length &&
			!this.text.endsWith("\n") &&
			this.text !== "";
		const text =
			(needsBreak ? this.newline : "") +
			lines.join(this.newline) +
			(needsBreak ? "" : this.newline);
		return { start: offset, end: offset, text };
	}
}

function writeShorthand(
	source: string,
	values: Record<string, string>,
): string {
	const shorthand = findShorthand(source);
	if (shorthand === null) {
		return source;
	}
	const original = new OriginalLines(source);
	const lines = splitLines(source);
	const line = lines[shorthand.line - 1] ?? "";
	const indent = original.indentOf(shorthand.line);
	const trimmed = line.trim();
	const commentStart = findTrailingComment(trimmed);
	const comment = commentStart === -1 ? "" : trimmed.slice(commentStart);
	const unit = original.indentUnit();
	const full = [
		`${indent}function: ${yamlScalar(shorthand.source)}${comment}`,
		`${indent}params:`,
		...Object.entries(values).map(
			([name, value]) => `${indent}${unit}${name}: ${value}`,
		),
	];
	lines.splice(shorthand.line - 1, 1, ...full);
	return lines.join(original.newline);
}

/** Offsets and lines of nodes in the original text, through the normalization map. */
class NodePositions {
	constructor(
		private readonly normalized: NormalizedSource,
		private readonly lineAt: (offset: number) => number,
	) {}

	start(node: Node): number {
		return this.normalized.toOriginal(node.range?.[0] ?? 0);
	}

	/** Returns the offset just after the node's value. */
	end(node: Node): number {
		const end = node.range?.[1] ?? 0;
		return end === 0 ? 0 : this.normalized.toOriginal(end - 1) + 1;
	}

	/** Returns the line of the node's last character. */
	lastLine(node: Node): number {
		const range = node.range ?? [0, 0, 0];
		return this.lineAt(Math.max(range[0], range[1] - 1));
	}

	firstLine(node: Node): number {
		return this.lineAt(node.range?.[0] ?? 0);
	}
}

function findPair(
	map: YAMLMap,
	key: string,
): Pair<Node, Node | null> | undefined {
	return (map.items as Pair<Node, Node | null>[]).find(
		(pair) => isScalar(pair.key) && String(pair.key.value) === key,
	);
}

/** Returns an edit that sets `field` of a map node, replacing its value or adding the field. */
function setField(
	map: YAMLMap,
	field: string,
	value: string,
	positions: NodePositions,
	original: OriginalLines,
): Edit {
	const pair = findPair(map, field);
	if (pair !== undefined) {
		return setPairValue(pair, value, positions, original);
	}

	const last = map.items[map.items.length - 1] as
		Pair<Node, Node | null> | undefined;
	if (map.flow === true) {
		if (last === undefined) {
			const afterBrace = positions.start(map) + 1;
			return { start: afterBrace, end: afterBrace, text: `${field}: ${value}` };
		}
		const end = positions.end(last.value ?? last.key);
		return { start: end, end, text: `, ${field}: ${value}` };
	}

	const first = map.items[0] as Pair<Node, Node | null> | undefined;
	const keyLine = first === undefined ? 1 : positions.firstLine(first.key);
	const lastLine =
		last === undefined ? keyLine : positions.lastLine(last.value ?? last.key);
	return original.insertAfter(lastLine, [
		`${original.indentOf(keyLine)}${field}: ${value}`,
	]);
}

/** Returns an edit that replaces a pair's value with `value`, or fills in an empty one after its colon. */
function setPairValue(
	pair: Pair<Node, Node | null>,
	value: string,
	positions: NodePositions,
	original: OriginalLines,
): Edit {
	const node = pair.value;
	const empty =
		node === null ||
		(isScalar(node) &&
			node.value === null &&
			positions.end(node) <= positions.start(node));
	if (node !== null && !empty) {
		return {
			start: positions.start(node),
			end: positions.end(node),
			text: value,
		};
	}
	const colon = original.text.indexOf(":", positions.end(pair.key));
	const offset = colon === -1 ? positions.end(pair.key) : colon + 1;
	return { start: offset, end: offset, text: ` ${value}` };
}

/** Returns an edit that sets one parameter inside the `params` map. */
function setParameter(
	params: YAMLMap,
	name: string,
	value: string,
	positions: NodePositions,
	original: OriginalLines,
): Edit {
	const pair = findPair(params, name);
	if (pair !== undefined && isMap(pair.value)) {
		return setField(pair.value, "value", value, positions, original);
	}
	return setField(params, name, value, positions, original);
}

function writeYaml(source: string, values: Record<string, string>): string {
	const body = parseYamlBody(source);
	const root = body.document.contents;
	if (body.errors.length > 0 || !isMap(root)) {
		return source;
	}

	const original = new OriginalLines(source);
	const positions = new NodePositions(
		body.normalized,
		(offset) => body.counter.linePos(offset).line,
	);
	const entries = Object.entries(values);
	const params = findPair(root, "params");

	if (params !== undefined && isMap(params.value)) {
		const paramsMap = params.value;
		return applyEdits(
			source,
			entries.map(([name, value]) =>
				setParameter(paramsMap, name, value, positions, original),
			),
		);
	}

	const flowEntries = `{${entries.map(([name, value]) => `${name}: ${value}`).join(", ")}}`;
	if (
		params !== undefined &&
		params.value !== null &&
		!(isScalar(params.value) && params.value.value === null)
	) {
		return applyEdits(source, [
			{
				start: positions.start(params.value),
				end: positions.end(params.value),
				text: flowEntries,
			},
		]);
	}

	if (root.flow === true) {
		const edit =
			params === undefined
				? setField(root, "params", flowEntries, positions, original)
				: setPairValue(params, flowEntries, positions, original);
		return applyEdits(source, [edit]);
	}

	const anchor =
		params ?? findPair(root, "function") ?? root.items[root.items.length - 1];
	if (anchor === undefined) {
		return source;
	}
	const keyLine = positions.firstLine(anchor.key);
	const indent = original.indentOf(keyLine);
	const unit = original.indentUnit();
	const lines = entries.map(
		([name, value]) => `${indent}${unit}${name}: ${value}`,
	);
	if (params !== undefined) {
		return applyEdits(source, [original.insertAfter(keyLine, lines)]);
	}
	const lastLine = positions.lastLine(anchor.value ?? anchor.key);
	return applyEdits(source, [
		original.insertAfter(lastLine, [`${indent}params:`, ...lines]),
	]);
}

/**
 * Returns the block body with its `params` set to `values` and nothing else changed:
 * comments, key order and formatting stay as written, and a parameter written as
 * `{value, min, max}` keeps its range. A shorthand body becomes `function: ...` with
 * `params`. Values that are not finite and names that are not identifiers are skipped,
 * and a body that YAML cannot read is returned unchanged. Never throws.
 */
export function writeParameters(
	source: string,
	values: Record<string, number>,
): string {
	const written: Record<string, string> = {};
	for (const [name, value] of Object.entries(values)) {
		if (Number.isFinite(value) && PARAMETER_NAME.test(name)) {
			written[name] = formatValue(value);
		}
	}
	if (Object.keys(written).length === 0) {
		return source;
	}
	try {
		return findShorthand(source) === null
			? writeYaml(source, written)
			: writeShorthand(source, written);
	} catch {
		// YAML's parser can run out of stack on absurdly nested input; such a body
		// cannot be a valid block, so it stays as written.
		return source;
	}
}
