// A benchmark is only meaningful if every contender computes the same function,
// so each runner's output is compared with the hand-written closure's on the
// same grid.
import type { GridFunction } from "./closures";
import type { GridRunner } from "./runners";

/** Differences allowed for float64 contenders: mathjs's symbolic derivative reorders terms. */
export const FLOAT64_TOLERANCE = 1e-9;

/**
 * Differences allowed for TensorFlow.js, which computes in float32 and
 * approximates erf with Abramowitz-Stegun 7.1.26 (about 1e-7).
 */
export const FLOAT32_TOLERANCE = 1e-4;

/**
 * Returns the largest |a - r| / (1 + |r|) between the runner's last output and
 * the closure's output r on the runner's grid, over values and, where the
 * runner computes them, gradients. NaN anywhere makes the result NaN.
 */
export function maxDifference(
	runner: GridRunner,
	closure: GridFunction,
): number {
	const n = runner.x.length;
	const referenceValue = new Float64Array(n);
	const referenceGradient = new Float64Array(n);
	closure(runner.x, referenceValue, referenceGradient);

	let worst = largestDifference(runner.value, referenceValue);
	if (runner.gradient !== null) {
		worst = Math.max(
			worst,
			largestDifference(runner.gradient, referenceGradient),
		);
	}
	return worst;
}

function largestDifference(
	actual: Float64Array,
	reference: Float64Array,
): number {
	let worst = 0;
	for (let i = 0; i < reference.length; i++) {
		const r = reference[i] as number;
		const difference = Math.abs((actual[i] as number) - r) / (1 + Math.abs(r));
		if (Number.isNaN(difference)) {
			return Number.NaN;
		}
		worst = Math.max(worst, difference);
	}
	return worst;
}
