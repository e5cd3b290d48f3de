import { KernelError } from "./errors";
import {
	MAX_SAMPLES,
	type Activation,
	type ParameterValues,
	type Sampled,
} from "./types";

/** The smallest grid: both ends of the domain. */
export const MIN_SAMPLES = 2;

function checkSamples(samples: number): void {
	if (
		!Number.isInteger(samples) ||
		samples < MIN_SAMPLES ||
		samples > MAX_SAMPLES
	) {
		throw new KernelError(
			`samples must be a whole number from ${MIN_SAMPLES} to ${MAX_SAMPLES.toLocaleString("en-US")}; got ${samples}`,
			"samples",
		);
	}
}

function checkDomain(x0: number, x1: number): void {
	if (!Number.isFinite(x0) || !Number.isFinite(x1) || !(x0 < x1)) {
		throw new KernelError(
			`the domain must be two finite numbers [min, max] with min below max; got [${x0}, ${x1}]`,
			"x",
		);
	}
}

/**
 * Returns `samples` evenly spaced points from x0 to x1. Both ends are included exactly
 * and nothing is inserted: point i is x0 + i * (x1 - x0) / (samples - 1), except the
 * last, which is x1 itself.
 */
export function linspace(
	x0: number,
	x1: number,
	samples: number,
): Float64Array {
	checkSamples(samples);
	checkDomain(x0, x1);
	const x = new Float64Array(samples);
	const intervals = samples - 1;
	const width = x1 - x0;
	for (let i = 0; i < intervals; i++) {
		// i * width / intervals rounds once per operation: linspace(0, 1, 11)[7] is 0.7,
		// where 7 * 0.1 would be 0.7000000000000001. Near the largest doubles i * width
		// overflows, and so does width itself for domains such as [-1e308, 1e308].
		const scaled = i * width;
		if (Number.isFinite(scaled)) {
			x[i] = x0 + scaled / intervals;
		} else if (Number.isFinite(width)) {
			x[i] = x0 + (i / intervals) * width;
		} else {
			x[i] = x0 + (i / intervals) * x1 - (i / intervals) * x0;
		}
		// A domain only a few doubles wide can round past x1, and the grid must stay sorted.
		x[i] = Math.min(x[i] as number, x1);
	}
	x[intervals] = x1;
	return x;
}

/** Formats a number for a note with at most six significant digits and no trailing zeros. */
function formatNumber(value: number): string {
	return String(Number(value.toPrecision(6)));
}

/** The most runs of grid points a note lists before it counts the rest. */
const MAX_LISTED_RUNS = 5;

/** Joins run descriptions, listing at most MAX_LISTED_RUNS and counting the rest. */
function listRuns(runs: string[]): string {
	if (runs.length <= MAX_LISTED_RUNS) {
		return runs.join(", ");
	}
	const rest = runs.length - MAX_LISTED_RUNS;
	const listed = runs.slice(0, MAX_LISTED_RUNS).join(", ");
	return `${listed} and ${rest.toLocaleString("en-US")} more ${rest === 1 ? "run" : "runs"}`;
}

/** Describes the runs of grid points where `bad` holds, as "x in [a, b]" or "x = a". */
function describeRuns(x: Float64Array, bad: (i: number) => boolean): string[] {
	const runs: string[] = [];
	let start = -1;
	for (let i = 0; i <= x.length; i++) {
		const inside = i < x.length && bad(i);
		if (inside && start < 0) {
			start = i;
		} else if (!inside && start >= 0) {
			const first = formatNumber(x[start] as number);
			const last = formatNumber(x[i - 1] as number);
			runs.push(start === i - 1 ? `x = ${first}` : `x in [${first}, ${last}]`);
			start = -1;
		}
	}
	return runs;
}

/** Notes for the points where the value, or else the gradient, is not finite. */
function finitenessNotes(label: string, sampled: Sampled): string[] {
	const { x, value, gradient } = sampled;
	const notes: string[] = [];
	const valueRuns = describeRuns(x, (i) => !Number.isFinite(value[i]));
	if (valueRuns.length > 0) {
		notes.push(`${label}: value not finite for ${listRuns(valueRuns)}`);
	}
	const gradientRuns = describeRuns(
		x,
		(i) => Number.isFinite(value[i]) && !Number.isFinite(gradient[i]),
	);
	if (gradientRuns.length > 0) {
		notes.push(`${label}: gradient not finite for ${listRuns(gradientRuns)}`);
	}
	return notes;
}

/**
 * Samples an activation's value and gradient on an evenly spaced grid over `domain`,
 * with its kinks inside the domain and notes on where the results are not finite.
 * Values that are not finite stay NaN or Infinity in the arrays.
 */
export function sampleActivation(
	activation: Activation,
	parameters: ParameterValues,
	domain: readonly [number, number],
	samples: number,
): Sampled {
	const x = linspace(domain[0], domain[1], samples);
	const value = new Float64Array(samples);
	const gradient = new Float64Array(samples);
	activation.evaluate(x, parameters, value, gradient);

	// Where the value is not finite the function has no derivative, so a gradient that
	// forward-mode arithmetic produced there (log(x) at x < 0 gives 1/x) is not shown.
	for (let i = 0; i < samples; i += 1) {
		if (!Number.isFinite(value[i] ?? NaN)) {
			gradient[i] = NaN;
		}
	}
	const sampled: Sampled = { x, value, gradient, kinks: [], notes: [] };
	sampled.kinks = activation.kinks(x, parameters);
	sampled.notes = finitenessNotes(activation.label, sampled);
	return sampled;
}
