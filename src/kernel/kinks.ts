import { nextDown, nextUp } from "./special";
import type { Kink } from "./types";

/** Evaluates an activation at arbitrary points: fills value and gradient for each x. */
export type PointEvaluator = (
	x: Float64Array,
	value: Float64Array,
	gradient: Float64Array,
) => void;

/** One kink to measure: the point, and where to read the one-sided limits. */
export interface KinkProbe {
	x: number;
	/** Points left and right of x on each branch (next floats for exact kinks). */
	left: number;
	right: number;
}

/**
 * Ratio between the distances of the three points that each side of a kink is read
 * at: the probe, and two more points 1024 and 1024² times as far from the kink.
 */
const DIVERGENCE_STEP = 1024;

/**
 * A one-sided limit is unbounded when the change over the nearest step is at least
 * this fraction of the change over the step before it. A bounded limit that behaves
 * like |dx|^p shrinks by 1024^-p per step, so only p below about 1e-5 looks unbounded.
 */
const DIVERGENCE_RATIO = 1 - 1e-4;

/**
 * Changes below this times max(1, |value|) count as rounding noise. So a divergence
 * scaled down below about 1e-10 (1e-12 * log(x)) is reported as finite.
 */
const DIVERGENCE_NOISE = 1e-9;

/** Points read for each probe: three on each side of the kink, and the kink itself. */
const POINTS_PER_PROBE = 7;

/**
 * Measures kinks: the value and gradient at each point (the convention), and the
 * one-sided limits, extrapolated linearly from the probe points to x. For exact kinks
 * the probes are the neighbouring floats, so the limits are exact up to the rounding of
 * one evaluation there (for example hardswish'(-3 + ulp) = -0.4999999999999999).
 * A limit that keeps growing as the probe approaches x (log(x) as x -> 0+) is reported
 * as an infinity with the sign of the growth, not as the finite value at the probe.
 */
export function measureKinks(
	probes: readonly KinkProbe[],
	evaluate: PointEvaluator,
): Kink[] {
	const points = new Float64Array(POINTS_PER_PROBE * probes.length);
	probes.forEach((probe, k) => {
		points.set(probePoints(probe), POINTS_PER_PROBE * k);
	});
	const value = new Float64Array(points.length);
	const gradient = new Float64Array(points.length);
	evaluate(points, value, gradient);
	return probes.map((probe, k) => {
		const at = (offset: number) => POINTS_PER_PROBE * k + offset;
		const read = (array: Float64Array, offsets: number[]) =>
			offsets.map((offset) => array[at(offset)] as number);
		// Offsets of the left side and the right side, nearest point first.
		const left = [2, 1, 0];
		const right = [4, 5, 6];
		const leftValues = read(value, left);
		const rightValues = read(value, right);
		const leftGradients = read(gradient, left);
		const rightGradients = read(gradient, right);
		const leftValue = extrapolate(
			leftValues[0] as number,
			leftGradients[0] as number,
			probe.x - probe.left,
		);
		const rightValue = extrapolate(
			rightValues[0] as number,
			rightGradients[0] as number,
			probe.x - probe.right,
		);
		// Adding 0 turns -0 into 0, so a limit like 0 * -5e-324 prints as 0.
		return {
			x: probe.x + 0,
			value: (value[at(3)] as number) + 0,
			valueLeft: unboundedOr(leftValues, leftValue) + 0,
			valueRight: unboundedOr(rightValues, rightValue) + 0,
			gradient: (gradient[at(3)] as number) + 0,
			gradientLeft: unboundedOr(leftGradients, leftGradients[0] as number) + 0,
			gradientRight:
				unboundedOr(rightGradients, rightGradients[0] as number) + 0,
		};
	});
}

/** Lists the seven points read for a probe, from far left to far right. */
function probePoints(probe: KinkProbe): number[] {
	const leftStep = probe.x - probe.left;
	const rightStep = probe.right - probe.x;
	const far = DIVERGENCE_STEP * DIVERGENCE_STEP;
	return [
		probe.x - far * leftStep,
		probe.x - DIVERGENCE_STEP * leftStep,
		probe.left,
		probe.x,
		probe.right,
		probe.x + DIVERGENCE_STEP * rightStep,
		probe.x + far * rightStep,
	];
}

/**
 * Returns ±Infinity when the readings on one side, nearest first, keep changing by at
 * least as much per step as they approach the kink, and `limit` otherwise.
 * NOTE: a limit that grows more slowly than log (log(-log(x)) as x -> 0+) passes as
 * finite. The farthest reading lies 1024² probe steps out, up to 1e-6 of the domain
 * for a bisected kink, so another kink that close can mix branches into the test.
 */
function unboundedOr(readings: readonly number[], limit: number): number {
	const [near, middle, far] = readings as [number, number, number];
	const nearChange = near - middle;
	const farChange = middle - far;
	const noise = DIVERGENCE_NOISE * Math.max(1, Math.abs(near));
	const growing =
		Math.abs(nearChange) > noise &&
		Math.sign(nearChange) === Math.sign(farChange) &&
		Math.abs(nearChange) >= DIVERGENCE_RATIO * Math.abs(farChange);
	return growing ? Math.sign(nearChange) * Infinity : limit;
}

/** v + g * dx, except that a zero step leaves v alone (so infinite g cannot give NaN). */
function extrapolate(v: number, g: number, dx: number): number {
	const step = g * dx;
	return dx === 0 || step === 0 || !Number.isFinite(step) ? v : v + step;
}

/** Returns the probe of a kink exactly at x, whose sides are its neighbouring floats. */
export function exactProbe(x: number): KinkProbe {
	return { x, left: nextDown(x), right: nextUp(x) };
}

/** Sorts kinks by x and drops repeats of the same x. */
export function sortKinks(kinks: Kink[]): Kink[] {
	const sorted = [...kinks].sort((a, b) => a.x - b.x);
	return sorted.filter(
		(kink, index) => index === 0 || kink.x !== sorted[index - 1]?.x,
	);
}

/**
 * True when nothing changes at the kink: the branch switched, but value and gradient
 * agree on both sides and at the point, within `tolerance` relative to their size.
 */
export function isSmoothSwitch(kink: Kink, tolerance: number): boolean {
	// An infinity is close only to itself, since inf - x <= tolerance * inf holds.
	const close = (a: number, b: number) =>
		Object.is(a, b) ||
		(Number.isFinite(a) &&
			Number.isFinite(b) &&
			Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b)));
	return (
		close(kink.valueLeft, kink.valueRight) &&
		close(kink.value, kink.valueLeft) &&
		close(kink.gradientLeft, kink.gradientRight) &&
		close(kink.gradient, kink.gradientLeft)
	);
}
