import { isMap, isScalar, type Node } from "yaml";
import { CATALOG, ELEMENTARY_FUNCTIONS, RESERVED_NAMES } from "../kernel";
import { OBJECT_KEY_NAMES } from "../kernel/expression/names";
import type { ParameterDefinition } from "../kernel/types";
import type { FunctionSpec, ParameterSpec } from "./spec";
import {
	didYouMean,
	finiteNumberOf,
	formatNumber,
	type BlockReader,
} from "./reader";

/** The fields of a parameter's object form, `{value, min, max, step}`. */
const PARAMETER_FIELDS = ["value", "min", "max", "step"] as const;
type ParameterField = (typeof PARAMETER_FIELDS)[number];

/** A parameter's name: letters, digits and `_`, not starting with a digit. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Slider positions between a range's ends, when the block gives no step. */
const SLIDER_POSITIONS = 100;

/** One entry of `params` as written. Fields the block leaves out are undefined. */
export interface ParameterEntry {
	name: string;
	line: number;
	value?: number;
	min?: number;
	max?: number;
	step?: number;
	/** Line of each field written in the object form, for errors about that field. */
	fieldLines?: Partial<Record<ParameterField, number>>;
}

function example(name: string): string {
	return `${name}: 0.5 or ${name}: {value: 0.5, min: 0, max: 1}`;
}

function readFields(
	reader: BlockReader,
	entry: ParameterEntry,
	node: Node,
): boolean {
	if (!isMap(node)) {
		return false;
	}

	let valid = true;
	for (const pair of node.items) {
		const fieldNode = pair.key as Node | null;
		const field = isScalar(fieldNode)
			? String(fieldNode.value)
			: reader.sourceOf(fieldNode);
		const line = reader.lineOf(fieldNode, entry.line);
		if (!(PARAMETER_FIELDS as readonly string[]).includes(field)) {
			reader.fail(
				line,
				"params",
				`parameter '${entry.name}' has an unknown field '${field}'${didYouMean(field, PARAMETER_FIELDS)}; ` +
					`the fields are value, min, max and step`,
			);
			valid = false;
			continue;
		}

		const valueNode = pair.value as Node | null;
		const value = finiteNumberOf(valueNode);
		if (value === null) {
			const written =
				valueNode === null || reader.sourceOf(valueNode) === ""
					? "nothing"
					: reader.sourceOf(valueNode);
			reader.fail(
				reader.lineOf(valueNode, line),
				"params",
				`parameter '${entry.name}': ${field} must be a finite number, not ${written}; write for example ${example(entry.name)}`,
			);
			valid = false;
			continue;
		}
		entry[field as ParameterField] = value;
		entry.fieldLines = { ...entry.fieldLines, [field]: line };
	}
	return valid;
}

/** The entries of `params` that could be read, and the valid names of all entries. */
export interface ParameterEntries {
	entries: ParameterEntry[];
	/** Every well-formed name, also of entries with a bad value, so that expressions compile. */
	names: string[];
}

/**
 * Reads `params`: a map from names to a number or `{value, min, max, step}`. Problems
 * are reported on the reader.
 */
export function readParameterEntries(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): ParameterEntries {
	if (!isMap(node)) {
		const written =
			node === null || reader.sourceOf(node) === ""
				? "empty"
				: `not ${reader.sourceOf(node)}`;
		reader.fail(
			reader.lineOf(node, keyLine),
			"params",
			`params must map names to values, ${written}; write for example params: {alpha: 0.25}`,
		);
		return { entries: [], names: [] };
	}

	const entries: ParameterEntry[] = [];
	const names: string[] = [];
	for (const pair of node.items) {
		const keyNode = pair.key as Node | null;
		const name = isScalar(keyNode)
			? String(keyNode.value)
			: reader.sourceOf(keyNode);
		const line = reader.lineOf(keyNode, keyLine);
		if (!PARAMETER_NAME.test(name)) {
			reader.fail(
				line,
				"params",
				`'${name}' is not a valid parameter name; use letters, digits and _, starting with a letter`,
			);
			continue;
		}

		names.push(name);
		const entry: ParameterEntry = { name, line };
		const valueNode = pair.value as Node | null;
		const value = finiteNumberOf(valueNode);
		if (value !== null) {
			entry.value = value;
		} else if (
			valueNode === null ||
			(isScalar(valueNode) && valueNode.value === null)
		) {
			reader.fail(
				line,
				"params",
				`parameter '${name}' has no value; write ${example(name)}`,
			);
			continue;
		} else if (!readFields(reader, entry, valueNode)) {
			if (!isMap(valueNode)) {
				reader.fail(
					reader.lineOf(valueNode, line),
					"params",
					`parameter '${name}' must be a finite number or {value, min, max, step}, ` +
						`not ${reader.sourceOf(valueNode)}; write ${example(name)}`,
				);
			}
			continue;
		}
		entries.push(entry);
	}
	return { entries, names };
}

/**
 * Returns the names a parameter may not take: the variable, the constants, the
 * functions and the keywords of expressions.
 */
export function reservedNames(): Set<string> {
	return new Set(RESERVED_NAMES);
}

function isFunctionName(name: string): boolean {
	return (
		ELEMENTARY_FUNCTIONS.includes(name) ||
		CATALOG.some((entry) => entry.name === name)
	);
}

/**
 * Reports parameters named like a function or constant, and returns the entries with
 * acceptable names. A catalog function's own parameter is allowed even so, as
 * `threshold` of the `threshold` activation.
 */
export function checkParameterNames(
	reader: BlockReader,
	entries: readonly ParameterEntry[],
	catalogParameters: ReadonlySet<string>,
): ParameterEntry[] {
	const reserved = reservedNames();
	const accepted: ParameterEntry[] = [];
	for (const entry of entries) {
		if (!reserved.has(entry.name) || catalogParameters.has(entry.name)) {
			accepted.push(entry);
			continue;
		}
		if (OBJECT_KEY_NAMES.includes(entry.name)) {
			reader.fail(
				entry.line,
				"params",
				`parameter '${entry.name}' has a name that JavaScript objects reserve; rename it, for example to proto, in params and in the expression`,
			);
			continue;
		}
		const what = isFunctionName(entry.name)
			? "the name of a function"
			: "a name that expressions reserve";
		reader.fail(
			entry.line,
			"params",
			`parameter '${entry.name}' has ${what}; rename it, for example to ${entry.name}_0, in params and in the expression`,
		);
	}
	return accepted;
}

/** Rounds down to the largest of 1, 2 and 5 times a power of ten that is at most `value`. */
function niceFloor(value: number): number {
	const power = 10 ** Math.floor(Math.log10(value));
	const mantissa = value / power;
	const nice = [5, 2, 1].find((candidate) => mantissa >= candidate) ?? 1;
	return nice * power;
}

/** Rounds up to the smallest of 1, 2 and 5 times a power of ten that is at least `value`. */
function niceCeil(value: number): number {
	const power = 10 ** Math.floor(Math.log10(value));
	const mantissa = value / power;
	const nice = [1, 2, 5].find((candidate) => mantissa <= candidate) ?? 10;
	return nice * power;
}

/**
 * Returns a slider range for a value that comes without one: from 0 to about twice the
 * value on the value's side of 0, or [-1, 1] around 0.
 */
export function rangeAround(value: number): [number, number] {
	if (value === 0) {
		return [-1, 1];
	}
	const extent = niceCeil(2 * Math.abs(value));
	return value > 0 ? [0, extent] : [-extent, 0];
}

/**
 * Returns a step that divides a slider's range into about a hundred positions, or one
 * step over the whole range when a hundredth of it rounds to 0 (widths below about 1e-321).
 */
export function stepFor(min: number, max: number): number {
	const width = max - min;
	const step = niceFloor(width / SLIDER_POSITIONS);
	return step > 0 ? step : width;
}

/**
 * Returns a slider range with min below max that contains `value` and both of `a` and
 * `b`: their span, or the value plus and minus max(|value|, 1) when all three are equal.
 */
export function rangeContaining(
	value: number,
	a: number,
	b: number,
): [number, number] {
	const low = Math.min(a, b, value);
	const high = Math.max(a, b, value);
	if (low < high) {
		return [low, high];
	}
	const width = Math.max(Math.abs(value), 1);
	return [
		Math.max(value - width, -Number.MAX_VALUE),
		Math.min(value + width, Number.MAX_VALUE),
	];
}

/**
 * Formats a `params` entry with a slider range, as in `beta: {value: 1, min: 0, max: 4}`.
 * A step is written only when `step` is given, and replaced by one that fits when it
 * does not fit the range, so that the entry passes every check of resolveOne.
 */
export function formatEntry(
	name: string,
	value: number,
	min: number,
	max: number,
	step?: number,
): string {
	const fields = [
		`value: ${formatNumber(value)}`,
		`min: ${formatNumber(min)}`,
		`max: ${formatNumber(max)}`,
	];
	if (step !== undefined) {
		const fits = step > 0 && step <= max - min;
		fields.push(`step: ${formatNumber(fits ? step : stepFor(min, max))}`);
	}
	return `${name}: {${fields.join(", ")}}`;
}

function resolveOne(
	reader: BlockReader,
	definition: ParameterDefinition,
	fromCatalog: boolean,
	entry: ParameterEntry | undefined,
): ParameterSpec | null {
	const name = definition.name;
	const line = entry?.line ?? 1;
	// An expression compiles only with declared parameters, so a missing entry is one
	// that readParameterEntries rejected and reported already.
	if (!fromCatalog && entry === undefined) {
		return null;
	}
	if (!fromCatalog && entry?.value === undefined) {
		reader.fail(
			line,
			"params",
			`parameter '${name}' has no value; write ${example(name)}`,
		);
		return null;
	}

	const value = entry?.value ?? definition.default;
	let [min, max] = fromCatalog
		? [definition.min, definition.max]
		: rangeAround(value);
	let step = fromCatalog ? definition.step : stepFor(min, max);

	if (entry?.min !== undefined || entry?.max !== undefined) {
		min = entry.min ?? Math.min(min, value);
		max = entry.max ?? Math.max(max, value);
		if (entry.max === undefined && max <= min) {
			max = min + (rangeAround(Math.abs(min) || 1)[1] || 1);
		}
		if (entry.min === undefined && min >= max) {
			min = max - (rangeAround(Math.abs(max) || 1)[1] || 1);
		}
		step = stepFor(min, max);
	} else if (value < min || value > max) {
		const around = rangeAround(value);
		min = Math.min(min, around[0]);
		max = Math.max(max, around[1]);
		step = stepFor(min, max);
	}
	step = entry?.step ?? step;

	if (!(min < max)) {
		const [low, high] = rangeContaining(value, min, max);
		reader.fail(
			line,
			"params",
			`parameter '${name}': min ${formatNumber(min)} is not below max ${formatNumber(max)}; ` +
				`write for example ${formatEntry(name, value, low, high, entry?.step)}`,
		);
		return null;
	}
	if (value < min || value > max) {
		reader.fail(
			entry?.fieldLines?.value ?? line,
			"params",
			`parameter '${name}': value ${formatNumber(value)} is outside its range [${formatNumber(min)}, ${formatNumber(max)}]; ` +
				`write a value from ${formatNumber(min)} to ${formatNumber(max)}, or widen min and max`,
		);
		return null;
	}
	if (!(step > 0) || step > max - min) {
		reader.fail(
			entry?.fieldLines?.step ?? line,
			"params",
			`parameter '${name}': step ${formatNumber(step)} must be above 0 and at most max - min = ${formatNumber(max - min)}; ` +
				`write for example step: ${formatNumber(stepFor(min, max))}`,
		);
		return null;
	}
	return { name, value, min, max, step, explicit: entry?.value !== undefined };
}

/**
 * Resolves every parameter of every function into a value and a slider range, in
 * order of first appearance: the block's entry where there is one, else the catalog's
 * default and range. Reports entries that no function uses, unless `complete` is
 * false because some function failed to compile.
 */
export function resolveParameters(
	reader: BlockReader,
	functions: readonly FunctionSpec[],
	entries: readonly ParameterEntry[],
	complete: boolean,
): ParameterSpec[] {
	const byName = new Map(entries.map((entry) => [entry.name, entry]));
	const specs: ParameterSpec[] = [];
	const seen = new Set<string>();

	for (const { activation } of functions) {
		for (const definition of activation.parameters) {
			if (seen.has(definition.name)) {
				continue;
			}
			seen.add(definition.name);
			const fromCatalog = activation.kind === "catalog";
			const spec = resolveOne(
				reader,
				definition,
				fromCatalog,
				byName.get(definition.name),
			);
			if (spec !== null) {
				specs.push(spec);
			}
		}
	}

	if (complete) {
		reportUnused(reader, functions, entries, seen);
	}
	return specs;
}

function reportUnused(
	reader: BlockReader,
	functions: readonly FunctionSpec[],
	entries: readonly ParameterEntry[],
	used: ReadonlySet<string>,
): void {
	const subject =
		functions.length === 1
			? `${functions[0]?.activation.label ?? "the function"} takes`
			: "the functions take";
	const takes = `${subject} ${used.size === 0 ? "no parameters" : [...used].join(", ")}`;
	for (const entry of entries) {
		if (used.has(entry.name)) {
			continue;
		}
		reader.fail(
			entry.line,
			"params",
			`no function uses parameter '${entry.name}'${didYouMean(entry.name, [...used])}; ` +
				`${takes}, so remove ${entry.name} or use it in an expression`,
		);
	}
}
