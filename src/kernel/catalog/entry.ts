import type { Formula, ParameterDefinition } from "../types";

/**
 * Writes f(x[i]) into value[i] and f'(x[i]) into gradient[i] for every i of x.
 * `value` may be the same array as `x`: each loop reads x[i] before it writes.
 * `parameters` holds the entry's parameter values in the order of its definitions.
 */
export type CatalogKernel = (
	x: Float64Array,
	parameters: readonly number[],
	value: Float64Array,
	gradient: Float64Array,
) => void;

/**
 * A condition on an entry's parameter values, taken from PyTorch's own checks:
 * `parameter operator bound`, where the bound is a number or another parameter's name.
 */
export interface ParameterRule {
	readonly parameter: string;
	readonly operator: "<=" | ">=";
	readonly bound: number | string;
}

/** One activation of the catalog. */
export interface CatalogEntry {
	readonly name: string;
	/** One sentence for docs and tooltips. */
	readonly description: string;
	readonly parameters: readonly ParameterDefinition[];
	/** LaTeX for the value and the gradient (never null for catalog entries). */
	readonly formula: Formula;
	/** The gradient that the entry reports at its kinks, as a plain sentence. */
	readonly kinkConvention: string;
	readonly evaluate: CatalogKernel;
	/** Conditions on the parameter values; a block that breaks one is rejected. */
	readonly rules?: readonly ParameterRule[];
	/**
	 * The x where the entry switches branch, for the given parameter values, sorted
	 * and without duplicates. The gradient there follows `kinkConvention`.
	 */
	breakpoints(parameters: readonly number[]): number[];
}

/** Builds a parameter definition with a slider range. */
export function parameter(
	name: string,
	defaultValue: number,
	min: number,
	max: number,
	step: number,
): ParameterDefinition {
	return { name, default: defaultValue, min, max, step };
}

/** Reads parameter `index`, which the caller has already filled in with defaults. */
export function at(parameters: readonly number[], index: number): number {
	return parameters[index] as number;
}

/** Breakpoints sorted and without duplicates or non-finite entries. */
export function distinctBreakpoints(...points: number[]): number[] {
	const finite = points
		.filter((point) => Number.isFinite(point))
		.sort((a, b) => a - b);
	return finite.filter(
		(point, index) => index === 0 || point !== finite[index - 1],
	);
}

export const noBreakpoints = (): number[] => [];

/**
 * Formats a rule as users read it: "min_val <= max_val". The catalog's numeric bounds
 * are short literals such as 0, so String writes them as they read.
 */
export function describeRule(rule: ParameterRule): string {
	return `${rule.parameter} ${rule.operator} ${String(rule.bound)}`;
}

/** Returns true when `value` and `bound` meet the rule's comparison. */
export function compare(
	value: number,
	operator: ParameterRule["operator"],
	bound: number,
): boolean {
	return operator === "<=" ? value <= bound : value >= bound;
}

/**
 * Returns the first of the entry's rules that the values break, or null. `values`
 * maps every parameter of the entry to the value in effect.
 */
export function brokenRule(
	entry: CatalogEntry,
	values: Readonly<Record<string, number>>,
): ParameterRule | null {
	for (const rule of entry.rules ?? []) {
		const value = values[rule.parameter];
		const bound =
			typeof rule.bound === "number" ? rule.bound : values[rule.bound];
		if (value === undefined || bound === undefined) {
			continue;
		}
		if (!compare(value, rule.operator, bound)) {
			return rule;
		}
	}
	return null;
}
