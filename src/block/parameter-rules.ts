import {
	brokenRule,
	describeRule,
	findCatalogEntry,
	type CatalogEntry,
	type ParameterRule,
} from "../kernel/catalog";
import { compare } from "../kernel/catalog/entry";
import { formatEntry, rangeAround, type ParameterEntry } from "./parameters";
import { formatNumber, type BlockReader } from "./reader";
import type { FunctionSpec, ParameterSpec } from "./spec";

type Operator = ParameterRule["operator"];

const FLIPPED: Record<Operator, Operator> = { "<=": ">=", ">=": "<=" };

/** The word for a value that breaks `operator`: 2 is "above" a bound it must stay at or below. */
const BREAK_WORD: Record<Operator, string> = { "<=": "above", ">=": "below" };

/** Formats a rule's bound as a phrase: "0", or "max_val = 1" for another parameter. */
function boundPhrase(
	bound: number | string,
	values: Readonly<Record<string, number>>,
): string {
	if (typeof bound === "number") {
		return formatNumber(bound);
	}
	return `${bound} = ${formatNumber(values[bound] ?? NaN)}`;
}

/** Returns the catalog entry of a function, or null for an expression. */
function catalogEntryOf(fn: FunctionSpec): CatalogEntry | null {
	if (fn.activation.kind !== "catalog") {
		return null;
	}
	return findCatalogEntry(fn.activation.source) ?? null;
}

/**
 * Describes a broken rule from the side of `parameter`, one of the two that it
 * compares: "min_val 2 is above max_val = 1".
 */
function describeBreak(
	rule: ParameterRule,
	parameter: string,
	values: Readonly<Record<string, number>>,
): { operator: Operator; other: number | string; text: string } {
	const own = rule.parameter === parameter;
	const operator = own ? rule.operator : FLIPPED[rule.operator];
	const other = own ? rule.bound : rule.parameter;
	const value = formatNumber(values[parameter] ?? NaN);
	const text = `${value} is ${BREAK_WORD[operator]} ${boundPhrase(other, values)}`;
	return { operator, other, text };
}

/**
 * Returns a value for `parameter` that meets the rule: its default when that does,
 * else the bound itself, which every rule allows.
 */
function suggestValue(
	entry: CatalogEntry,
	parameter: string,
	operator: Operator,
	bound: number,
): number {
	const definition = entry.parameters.find(
		(candidate) => candidate.name === parameter,
	);
	if (
		definition !== undefined &&
		compare(definition.default, operator, bound)
	) {
		return definition.default;
	}
	return bound;
}

/**
 * Returns the values a catalog function runs with: the block's where it sets one, else
 * the defaults. Returns null when a parameter was rejected and has no spec.
 */
function valuesInEffect(
	entry: CatalogEntry,
	specs: ReadonlyMap<string, ParameterSpec>,
): Record<string, number> | null {
	const values: Record<string, number> = {};
	for (const definition of entry.parameters) {
		const spec = specs.get(definition.name);
		if (spec === undefined) {
			return null;
		}
		values[definition.name] = spec.explicit ? spec.value : definition.default;
	}
	return values;
}

/** Formats the error for values that break a rule, on the parameter the block sets. */
function valueError(
	entry: CatalogEntry,
	rule: ParameterRule,
	parameter: string,
	values: Readonly<Record<string, number>>,
): string {
	const broken = describeBreak(rule, parameter, values);
	const boundValue =
		typeof broken.other === "number"
			? broken.other
			: (values[broken.other] ?? NaN);
	const suggestion = suggestValue(
		entry,
		parameter,
		broken.operator,
		boundValue,
	);
	let fix = `write for example ${parameter}: ${formatNumber(suggestion)}`;
	if (typeof broken.other === "string") {
		const direction = broken.operator === "<=" ? "or more" : "or less";
		fix += `, or set ${broken.other} to ${formatNumber(values[parameter] ?? NaN)} ${direction}`;
	}
	return (
		`parameter '${parameter}': value ${broken.text}, but ${entry.name} requires ` +
		`${describeRule(rule)}; ${fix}`
	);
}

/**
 * Returns an error when a slider range that the block writes reaches values that break
 * a rule with a fixed bound (lambd >= 0), or null. Rules between two parameters are
 * not checked here because each parameter has its own slider, and evaluateSpec explains
 * a crossing in a note.
 */
function rangeError(
	entry: CatalogEntry,
	rule: ParameterRule,
	spec: ParameterSpec,
	blockEntry: ParameterEntry,
): string | null {
	if (typeof rule.bound !== "number") {
		return null;
	}
	if (blockEntry.min === undefined && blockEntry.max === undefined) {
		return null;
	}
	const bound = rule.bound;
	const lowOk = compare(spec.min, rule.operator, bound);
	const highOk = compare(spec.max, rule.operator, bound);
	if (lowOk && highOk) {
		return null;
	}

	const reached = lowOk ? spec.max : spec.min;
	let low = rule.operator === ">=" ? Math.max(spec.min, bound) : spec.min;
	let high = rule.operator === "<=" ? Math.min(spec.max, bound) : spec.max;
	// The value meets the rule, so it stays inside the clipped range. A range clipped to
	// one point grows away from the bound.
	if (!(low < high)) {
		const width = rangeAround(Math.abs(spec.value) || 1)[1];
		if (rule.operator === ">=") {
			high = low + width;
		} else {
			low = high - width;
		}
	}
	const suggestion = formatEntry(
		spec.name,
		spec.value,
		low,
		high,
		blockEntry.step,
	);
	return (
		`parameter '${spec.name}': its slider reaches ${formatNumber(reached)}, ` +
		`${BREAK_WORD[rule.operator]} ${formatNumber(bound)}, but ${entry.name} requires ` +
		`${describeRule(rule)}; write for example ${suggestion}`
	);
}

/**
 * Reports parameter values, and slider ranges the block writes, that break a rule of
 * a catalog function, such as hardtanh's min_val <= max_val. Each error goes on the line
 * of a parameter that the block sets, because the defaults meet every rule.
 */
export function checkParameterRules(
	reader: BlockReader,
	functions: readonly FunctionSpec[],
	entries: readonly ParameterEntry[],
	specs: readonly ParameterSpec[],
): void {
	const byName = new Map(entries.map((entry) => [entry.name, entry]));
	const specByName = new Map(specs.map((spec) => [spec.name, spec]));
	const reported = new Set<string>();
	const report = (line: number, message: string): void => {
		if (!reported.has(message)) {
			reported.add(message);
			reader.fail(line, "params", message);
		}
	};

	for (const fn of functions) {
		const entry = catalogEntryOf(fn);
		const values = entry === null ? null : valuesInEffect(entry, specByName);
		if (entry === null || values === null) {
			continue;
		}

		const rule = brokenRule(entry, values);
		if (rule !== null) {
			const names = [rule.parameter];
			if (typeof rule.bound === "string") {
				names.push(rule.bound);
			}
			const set = names.find((name) => byName.get(name)?.value !== undefined);
			const blockEntry = set === undefined ? undefined : byName.get(set);
			if (set !== undefined && blockEntry !== undefined) {
				report(blockEntry.line, valueError(entry, rule, set, values));
			}
			continue;
		}

		for (const candidate of entry.rules ?? []) {
			const spec = specByName.get(candidate.parameter);
			const blockEntry = byName.get(candidate.parameter);
			if (spec === undefined || blockEntry === undefined) {
				continue;
			}
			const message = rangeError(entry, candidate, spec, blockEntry);
			if (message !== null) {
				report(blockEntry.line, message);
			}
		}
	}
}

/**
 * Returns a note for parameter values, such as slider positions, that break a rule of
 * a catalog function, or null when they meet every rule or the function is an expression.
 */
export function ruleNote(
	fn: FunctionSpec,
	values: Readonly<Record<string, number>>,
): string | null {
	const entry = catalogEntryOf(fn);
	const rule = entry === null ? null : brokenRule(entry, values);
	if (entry === null || rule === null) {
		return null;
	}
	const broken = describeBreak(rule, rule.parameter, values);
	const sliders =
		typeof rule.bound === "string"
			? `the ${rule.parameter} or ${rule.bound} slider`
			: `the ${rule.parameter} slider`;
	return (
		`${fn.activation.label}: not drawn, because ${rule.parameter} ${broken.text} and ` +
		`${entry.name} requires ${describeRule(rule)}; move ${sliders} until ${describeRule(rule)}`
	);
}
