import { isScalar, isSeq, type Node } from "yaml";
import { MAX_SAMPLES, MIN_SAMPLES } from "../kernel";
import {
	ANNOTATIONS,
	LAYOUTS,
	PANELS,
	type Annotation,
	type Layout,
	type Panel,
} from "./spec";
import {
	didYouMean,
	finiteNumberOf,
	itemsOf,
	type BlockReader,
} from "./reader";

/** An example for each range key, shown in its error messages. */
const RANGE_EXAMPLES: Record<string, string> = {
	x: "x: [-6, 6]",
	y: "y: [-1, 1]",
	"gradient-y": "gradient-y: [0, 1.5]",
};

/**
 * Largest magnitude of a range's bounds. Chart.js 4 computes tick steps and grid
 * points that overflow near float64's maximum: x: [-1e308, 1e308] gets one tick, "NaN".
 */
export const MAX_RANGE_BOUND = 1e300;

/**
 * Smallest width of a range, absolute and relative to its larger bound. Chart.js 4
 * never finishes dividing a fixed axis as narrow as [0, 1e-320] into ticks (the page
 * freezes), and below 1e-12 of the bound neighbouring ticks print the same label.
 */
export const MIN_RANGE_WIDTH = 1e-300;
export const MIN_RELATIVE_RANGE_WIDTH = 1e-12;

/** Returns why a range of finite numbers, min below max, cannot be plotted, or null. */
function unplottableRange(min: number, max: number): string | null {
	const bound = Math.max(Math.abs(min), Math.abs(max));
	if (bound > MAX_RANGE_BOUND) {
		return `the range [${min}, ${max}] is too wide to plot; keep both ends between -1e300 and 1e300`;
	}
	const width = max - min;
	if (width < MIN_RANGE_WIDTH || width < bound * MIN_RELATIVE_RANGE_WIDTH) {
		return (
			`the range [${min}, ${max}] is too narrow to plot; make it wider than 1e-300 ` +
			"and than a trillionth of its larger end"
		);
	}
	return null;
}

/**
 * Reads `[min, max]`: two finite numbers, min below max, that a chart can divide into
 * ticks. Returns null after reporting the problem.
 */
export function readRange(
	reader: BlockReader,
	node: Node | null,
	key: string,
	keyLine: number,
): [number, number] | null {
	const example = RANGE_EXAMPLES[key] ?? `${key}: [-1, 1]`;
	const line = reader.lineOf(node, keyLine);
	if (!isSeq(node)) {
		const written = node === null ? "nothing" : reader.sourceOf(node);
		reader.fail(
			line,
			key,
			`${key} must be a range [min, max], not ${written}; write for example ${example}`,
		);
		return null;
	}

	const items = itemsOf(node);
	if (items.length !== 2) {
		reader.fail(
			line,
			key,
			`${key} must hold two numbers [min, max], not ${items.length}; write for example ${example}`,
		);
		return null;
	}

	const bounds: number[] = [];
	for (const item of items) {
		const value = finiteNumberOf(item);
		if (value === null) {
			reader.fail(
				reader.lineOf(item, line),
				key,
				`${key}: ${reader.sourceOf(item) || "an empty item"} is not a finite number; write for example ${example}`,
			);
			return null;
		}
		bounds.push(value);
	}

	const [min = 0, max = 0] = bounds;
	if (min >= max) {
		const fix =
			min > max
				? `write ${key}: [${max}, ${min}]`
				: `write two different numbers, such as ${example}`;
		reader.fail(
			line,
			key,
			`${key}: the minimum ${min} is not below the maximum ${max}; ${fix}`,
		);
		return null;
	}
	const problem = unplottableRange(min, max);
	if (problem !== null) {
		reader.fail(line, key, `${key}: ${problem}, for example ${example}`);
		return null;
	}
	return [min, max];
}

/** Reads `samples`: a whole number from 2 to the kernel's maximum. */
export function readSamples(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): number | null {
	const value = finiteNumberOf(node);
	if (
		value !== null &&
		Number.isInteger(value) &&
		value >= MIN_SAMPLES &&
		value <= MAX_SAMPLES
	) {
		return value;
	}

	const written = node === null ? "nothing" : reader.sourceOf(node);
	reader.fail(
		reader.lineOf(node, keyLine),
		"samples",
		`samples must be a whole number from ${MIN_SAMPLES} to ${MAX_SAMPLES}, not ${written}; ` +
			`write for example samples: 401`,
	);
	return null;
}

/**
 * Reads a key whose value is one word from `allowed` or a list of such words, without
 * repeats. Returns null after reporting the problem.
 */
function readWords(
	reader: BlockReader,
	node: Node | null,
	key: string,
	keyLine: number,
	allowed: readonly string[],
): string[] | null {
	const choices = `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1] ?? ""}`;
	if (node === null || (isSeq(node) && node.items.length === 0)) {
		reader.fail(keyLine, key, `${key} is empty; write one of ${choices}`);
		return null;
	}

	const words: string[] = [];
	let valid = true;
	for (const item of itemsOf(node)) {
		const line = reader.lineOf(item, keyLine);
		if (!isScalar(item) || typeof item.value !== "string") {
			reader.fail(
				line,
				key,
				`${key} must be ${choices}, not ${reader.sourceOf(item)}`,
			);
			valid = false;
			continue;
		}
		if (!allowed.includes(item.value)) {
			reader.fail(
				line,
				key,
				`${key} must be ${choices}, not '${item.value}'${didYouMean(item.value, allowed)}`,
			);
			valid = false;
			continue;
		}
		if (!words.includes(item.value)) {
			words.push(item.value);
		}
	}
	return valid ? words : null;
}

/** Reads `show`: `value`, `gradient`, or a list of them. */
export function readShow(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): Panel[] | null {
	return readWords(reader, node, "show", keyLine, PANELS) as Panel[] | null;
}

/** Reads `layout`: one of the layouts, not a list. */
export function readLayout(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): Layout | null {
	if (isSeq(node)) {
		reader.fail(
			reader.lineOf(node, keyLine),
			"layout",
			`layout must be one of ${LAYOUTS.join(", ")}, not a list; write for example layout: overlay`,
		);
		return null;
	}
	const words = readWords(reader, node, "layout", keyLine, LAYOUTS);
	return (words?.[0] as Layout | undefined) ?? null;
}

/** Reads `annotate`: any of the annotations, or `none` alone. */
export function readAnnotate(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): Annotation[] | null {
	const words = readWords(reader, node, "annotate", keyLine, [
		...ANNOTATIONS,
		"none",
	]);
	if (words === null) {
		return null;
	}
	if (words.includes("none") && words.length > 1) {
		reader.fail(
			reader.lineOf(node, keyLine),
			"annotate",
			"annotate: none cannot be combined with other annotations; write annotate: none, or list only the annotations to draw",
		);
		return null;
	}
	return words.filter((word): word is Annotation => word !== "none");
}

/** Reads `caption`: true or false. */
export function readCaption(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): boolean | null {
	if (isScalar(node) && typeof node.value === "boolean") {
		return node.value;
	}
	const written = node === null ? "nothing" : reader.sourceOf(node);
	reader.fail(
		reader.lineOf(node, keyLine),
		"caption",
		`caption must be true or false, not ${written}; write caption: true to show the formulas`,
	);
	return null;
}

/** Reads `title`: text, or a number taken as written. */
export function readTitle(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): string | null {
	if (
		isScalar(node) &&
		typeof node.value === "string" &&
		node.value.trim() !== ""
	) {
		return node.value;
	}
	if (isScalar(node) && typeof node.value === "number") {
		return reader.sourceOf(node);
	}
	const written = node === null ? "empty" : `not ${reader.sourceOf(node)}`;
	reader.fail(
		reader.lineOf(node, keyLine),
		"title",
		`title must be text, ${written}; write for example title: "ReLU and its gradient", or remove the key`,
	);
	return null;
}

/**
 * Reads `at`: a number or a list of numbers, each inside `domain`. The range check is
 * skipped when the domain itself is invalid (null).
 */
export function readAt(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
	domain: [number, number] | null,
): number[] | null {
	if (node === null || (isSeq(node) && node.items.length === 0)) {
		reader.fail(
			keyLine,
			"at",
			"at is empty; write a point such as at: 0, or a list such as at: [0, 1.5]",
		);
		return null;
	}

	const points: number[] = [];
	let valid = true;
	for (const item of itemsOf(node)) {
		const line = reader.lineOf(item, keyLine);
		const value = finiteNumberOf(item);
		if (value === null) {
			reader.fail(
				line,
				"at",
				`at: ${reader.sourceOf(item) || "an empty item"} is not a finite number; write for example at: [0, 1.5]`,
			);
			valid = false;
			continue;
		}
		if (domain !== null && (value < domain[0] || value > domain[1])) {
			reader.fail(
				line,
				"at",
				`at: ${reader.sourceOf(item)} is outside the domain [${domain[0]}, ${domain[1]}]; ` +
					`write a point from ${domain[0]} to ${domain[1]}, or widen x`,
			);
			valid = false;
			continue;
		}
		points.push(value);
	}
	return valid ? points : null;
}
