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
 * Measures kinks: the value and gradient at each point (the convention), and the
 * one-sided limits, extrapolated linearly from the probe points to x. For exact kinks
 * the probes are the neighbouring floats, so the limits are exact up to the rounding of
 * one evaluation there (for example hardswish'(-3 + ulp) = -0.4999999999999999).
 */
export function measureKinks(
	probes: readonly KinkProbe[],
	evaluate: PointEvaluator,
): Kink[] {
	const count = probes.length;
	const points = new Float64Array(3 * count);
	probes.forEach((probe, k) => {
		points[3 * k] = probe.left;
		points[3 * k + 1] = probe.x;
		points[3 * k + 2] = probe.right;
	});
	const value = new Float64Array(points.length);
	const gradient = new Float64Array(points.length);
	evaluate(points, value, gradient);
	return probes.map((probe, k) => {
		const leftValue = value[3 * k] as number;
		const leftGradient = gradient[3 * k] as number;
		const rightValue = value[3 * k + 2] as number;
		const rightGradient = gradient[3 * k + 2] as number;
		// Adding 0 turns -0 into 0, so a limit like 0 * -5e-324 prints as 0.
		return {
			x: probe.x + 0,
			value: (value[3 * k + 1] as number) + 0,
			valueLeft: extrapolate(leftValue, leftGradient, probe.x - probe.left) + 0,
			valueRight:
				extrapolate(rightValue, rightGradient, probe.x - probe.right) + 0,
			gradient: (gradient[3 * k + 1] as number) + 0,
			gradientLeft: leftGradient + 0,
			gradientRight: rightGradient + 0,
		};
	});
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
	const close = (a: number, b: number) =>
		Object.is(a, b) ||
		Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
	return (
		close(kink.valueLeft, kink.valueRight) &&
		close(kink.value, kink.valueLeft) &&
		close(kink.gradientLeft, kink.gradientRight) &&
		close(kink.gradient, kink.gradientLeft)
	);
}
