import { linspace, sampleActivation } from "../kernel";
import type { ParameterValues, Sampled } from "../kernel/types";
import { ruleNote } from "./parameter-rules";
import type { ActivationSpec, FunctionSpec } from "./spec";

/** One function of a block sampled over the domain. */
export interface SeriesSamples {
	label: string;
	/** The catalog name or the expression, as written in the block. */
	function: string;
	/** The parameter values in effect for this function. */
	params: Record<string, number>;
	sampled: Sampled;
}

/** One `at` point of one series, evaluated exactly at `x`. */
export interface Mark {
	label: string;
	x: number;
	value: number;
	gradient: number;
}

/** Every series of a block, its marks (series by series, in `at` order) and the kernel's notes. */
export interface SpecSamples {
	series: SeriesSamples[];
	marks: Mark[];
	notes: string[];
}

export interface EvaluateOptions {
	/** Values from the sliders, by name; they override the block's values. */
	parameters?: Record<string, number>;
	/** A domain that replaces the block's, as after zooming. Ignored unless finite with min below max. */
	domain?: [number, number];
}

/**
 * Returns the parameter values a function runs with: a slider value where there is one,
 * else the block's value when the block sets it, else the function's own default.
 */
export function parametersInEffect(
	spec: ActivationSpec,
	fn: FunctionSpec,
	overrides: Record<string, number> = {},
): Record<string, number> {
	const values: Record<string, number> = {};
	for (const definition of fn.activation.parameters) {
		const override = overrides[definition.name];
		const blockParameter = spec.parameters.find(
			(parameter) => parameter.name === definition.name,
		);
		if (override !== undefined && Number.isFinite(override)) {
			values[definition.name] = override;
		} else if (blockParameter?.explicit === true) {
			values[definition.name] = blockParameter.value;
		} else {
			values[definition.name] = definition.default;
		}
	}
	return values;
}

function chooseDomain(
	spec: ActivationSpec,
	domain: [number, number] | undefined,
): [number, number] {
	if (domain === undefined) {
		return spec.domain;
	}
	const [min, max] = domain;
	return Number.isFinite(min) && Number.isFinite(max) && min < max
		? domain
		: spec.domain;
}

function evaluateAt(
	fn: FunctionSpec,
	parameters: ParameterValues,
	x: number,
): Mark {
	const value = new Float64Array(1);
	const gradient = new Float64Array(1);
	fn.activation.evaluate(Float64Array.of(x), parameters, value, gradient);
	const at = value[0] ?? NaN;
	return {
		label: fn.activation.label,
		x,
		value: at,
		// As on the chart's line: no gradient where the function has no finite value.
		gradient: Number.isFinite(at) ? (gradient[0] ?? NaN) : NaN,
	};
}

/** A cube root written as a power, `^(1/3)` or `pow(..., 1/3)`, which is NaN for negative bases. */
const CUBE_ROOT_POWER =
	/\^\s*\(\s*1\s*\/\s*3\s*\)|pow\s*\([^,]*,\s*1\s*\/\s*3\s*\)/;

/** Returns a note that suggests cbrt(x) when a cube root written as a power left gaps below 0. */
function cubeRootHint(fn: FunctionSpec, sampled: Sampled): string | null {
	if (!CUBE_ROOT_POWER.test(fn.source)) {
		return null;
	}
	const gapBelowZero = sampled.x.some(
		(x, index) => x < 0 && Number.isNaN(sampled.value[index]),
	);
	if (!gapBelowZero) {
		return null;
	}
	return (
		`${fn.activation.label}: a power of 1/3 is not real for negative numbers, so it ` +
		"leaves a gap below 0; write cbrt(x) for the real cube root"
	);
}

/**
 * Returns a series of gaps with one note, for a catalog function whose parameter values
 * (slider positions) break one of its rules, such as hardtanh's min_val <= max_val. The
 * kernel's output for such values would show a function that PyTorch does not define.
 */
function notDrawn(
	domain: [number, number],
	samples: number,
	note: string,
): Sampled {
	return {
		x: linspace(domain[0], domain[1], samples),
		value: new Float64Array(samples).fill(NaN),
		gradient: new Float64Array(samples).fill(NaN),
		kinks: [],
		notes: [note],
	};
}

/**
 * Samples every function of a validated block over its domain and evaluates each `at`
 * point exactly, where the kernel applies its kink convention (relu'(0) = 0).
 */
export function evaluateSpec(
	spec: ActivationSpec,
	options: EvaluateOptions = {},
): SpecSamples {
	const domain = chooseDomain(spec, options.domain);
	const series: SeriesSamples[] = [];
	const marks: Mark[] = [];
	const notes: string[] = [];

	for (const fn of spec.functions) {
		const params = parametersInEffect(spec, fn, options.parameters);
		const broken = ruleNote(fn, params);
		const sampled =
			broken === null
				? sampleActivation(fn.activation, params, domain, spec.samples)
				: notDrawn(domain, spec.samples, broken);
		series.push({
			label: fn.activation.label,
			function: fn.source,
			params,
			sampled,
		});

		for (const x of spec.at) {
			marks.push(
				broken === null
					? evaluateAt(fn, params, x)
					: { label: fn.activation.label, x, value: NaN, gradient: NaN },
			);
		}
		for (const note of sampled.notes) {
			notes.push(
				spec.functions.length > 1 &&
					!note.startsWith(`${fn.activation.label}: `)
					? `${fn.activation.label}: ${note}`
					: note,
			);
		}
		const hint = cubeRootHint(fn, sampled);
		if (hint !== null) {
			notes.push(hint);
		}
	}
	return { series, marks, notes };
}
