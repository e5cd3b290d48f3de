import { isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { suggestName } from "../kernel";
import type { BlockError } from "./spec";

/**
 * The parsed YAML of one block with its text, turning nodes into line numbers and the
 * text as written. Readers push every problem they find into `errors` and go on, so
 * that one pass reports all independent errors.
 */
export class BlockReader {
	readonly errors: BlockError[] = [];

	constructor(
		private readonly text: string,
		/** Null for a shorthand body, which has no YAML nodes. */
		private readonly counter: LineCounter | null,
	) {}

	/** Returns the 1-based line where `node` starts, or `fallback` when the node has no position. */
	lineOf(node: Node | null | undefined, fallback: number): number {
		const start = node?.range?.[0];
		if (start === undefined || this.counter === null) {
			return fallback;
		}
		return Math.max(1, this.counter.linePos(start).line);
	}

	/** Returns the text of `node` as written in the block, such as `1e9` for a number. */
	sourceOf(node: Node | null | undefined): string {
		if (node?.range === undefined || node.range === null) {
			return "";
		}
		return this.text.slice(node.range[0], node.range[1]).trim();
	}

	fail(line: number, key: string | null, message: string): void {
		this.errors.push({ line, key, message });
	}
}

/** Names shorter than this get a suggestion only when they differ from it in case. */
const MIN_SUGGESTED_LENGTH = 3;

/**
 * Returns "; did you mean 'name'?" for a near miss among `candidates`, else "". A name
 * of one or two letters is within one edit of every short key (`a` of `x`), so it gets
 * a suggestion only for a difference in case.
 */
export function didYouMean(
	name: string,
	candidates: readonly string[],
): string {
	const suggestion = suggestName(name, candidates);
	if (suggestion === null) {
		return "";
	}
	const sameLetters = suggestion.toLowerCase() === name.toLowerCase();
	if (name.length < MIN_SUGGESTED_LENGTH && !sameLetters) {
		return "";
	}
	return `; did you mean '${suggestion}'?`;
}

/** Returns the number in a scalar node, or null unless it contains a finite number. */
export function finiteNumberOf(node: unknown): number | null {
	if (
		!isScalar(node) ||
		typeof node.value !== "number" ||
		!Number.isFinite(node.value)
	) {
		return null;
	}
	return node.value;
}

/** Lists the items of a list node, or the node itself when it is a single value. */
export function itemsOf(node: Node): Node[] {
	if (isSeq(node)) {
		return node.items.filter(
			(item): item is Node => item !== null && typeof item === "object",
		);
	}
	return [node];
}

/** Formats a number the way users write it: `-6`, `0.25`, `1e+21`. */
export function formatNumber(value: number): string {
	return String(value);
}
