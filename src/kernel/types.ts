/**
 * A point where a non-smooth operation changes branch. The `value` and `gradient`
 * fields hold what the function returns at `x` itself (PyTorch's convention for the
 * gradient); the `Left` and `Right` fields hold the one-sided limits.
 */
export interface Kink {
	x: number;
	value: number;
	valueLeft: number;
	valueRight: number;
	gradient: number;
	gradientLeft: number;
	gradientRight: number;
}

/** Parameter values by name, for example `{ negative_slope: 0.01 }`. */
export type ParameterValues = Readonly<Record<string, number>>;

/** A parameter that an activation accepts, with the range its slider offers. */
export interface ParameterDefinition {
	name: string;
	default: number;
	min: number;
	max: number;
	step: number;
}

/** LaTeX for an activation's value and gradient; `gradient` is null when unknown. */
export interface Formula {
	value: string;
	gradient: string | null;
	/** TeX of the function's name in captions when it is not f: a definition's own name. */
	name?: string;
}

/** Value and gradient of one activation over a grid, with the kinks inside the grid's range. */
export interface Sampled {
	x: Float64Array;
	value: Float64Array;
	gradient: Float64Array;
	kinks: Kink[];
	/** Warnings in plain sentences, such as where the values were not finite. */
	notes: string[];
}

/** An activation compiled from a catalog name or an expression, ready to evaluate. */
export interface Activation {
	/** The catalog name, or the expression as written. */
	readonly source: string;
	/** A short label for legends: the catalog name or the name of `name(x) = ...`. */
	readonly label: string;
	readonly kind: "catalog" | "expression";
	/** Parameters the activation reads, in the order of their positional arguments. */
	readonly parameters: readonly ParameterDefinition[];
	readonly formula: Formula;
	/**
	 * Writes f(x[i]) into value[i] and f'(x[i]) into gradient[i] for every i.
	 * Missing parameters take their defaults.
	 */
	evaluate(
		x: Float64Array,
		parameters: ParameterValues,
		value: Float64Array,
		gradient: Float64Array,
	): void;
	/**
	 * Returns the kinks in the closed range of the sorted grid `x`, sorted by x: exact
	 * points for catalog functions, branch switches between neighbouring grid points
	 * located by bisection for expressions.
	 */
	kinks(x: Float64Array, parameters: ParameterValues): Kink[];
}

/** The largest grid the kernel samples, so that no block can freeze the app. */
export const MAX_SAMPLES = 100_000;
