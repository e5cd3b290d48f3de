import type { Panel } from "../block/spec";
import type { Kink, Sampled } from "../kernel/types";

/** A point of a Chart.js dataset; y is NaN where the line has a gap. */
export interface ChartPoint {
	x: number;
	y: number;
}

/** A dot drawn at a kink: open for a one-sided limit, filled for the value at the point. */
export interface KinkDot extends ChartPoint {
	open: boolean;
}

/**
 * Relative size under which the two one-sided limits count as equal. Kinks of expressions
 * are located by bisection, so their limits differ by a rounding error where the function
 * is continuous.
 */
const JUMP_TOLERANCE = 1e-7;

function panelValues(sampled: Sampled, panel: Panel): Float64Array {
	return panel === "value" ? sampled.value : sampled.gradient;
}

function limits(
	kink: Kink,
	panel: Panel,
): { left: number; right: number; at: number } {
	if (panel === "value") {
		return { left: kink.valueLeft, right: kink.valueRight, at: kink.value };
	}
	return {
		left: kink.gradientLeft,
		right: kink.gradientRight,
		at: kink.gradient,
	};
}

/** Returns the largest finite magnitude, or 1 when there is none, as the scale for tolerances. */
function magnitude(values: Float64Array): number {
	let largest = 0;
	for (const value of values) {
		if (Number.isFinite(value)) {
			largest = Math.max(largest, Math.abs(value));
		}
	}
	return largest > 0 ? largest : 1;
}

function nearlyEqual(a: number, b: number, scale: number): boolean {
	return (
		Number.isFinite(a) &&
		Number.isFinite(b) &&
		Math.abs(a - b) <= JUMP_TOLERANCE * scale
	);
}

function finiteOrNaN(value: number): number {
	return Number.isFinite(value) ? value : NaN;
}

function kinksInRange(sampled: Sampled): Kink[] {
	const first = sampled.x[0];
	const last = sampled.x[sampled.x.length - 1];
	if (first === undefined || last === undefined) {
		return [];
	}
	return sampled.kinks
		.filter((kink) => kink.x >= first && kink.x <= last)
		.sort((a, b) => a.x - b.x);
}

/** Appends the points that draw a kink: the corner, or both limits with a gap between them. */
function pushKink(
	points: ChartPoint[],
	kink: Kink,
	panel: Panel,
	scale: number,
): void {
	const { left, right } = limits(kink, panel);
	if (nearlyEqual(left, right, scale)) {
		points.push({ x: kink.x, y: finiteOrNaN(left) });
		return;
	}
	points.push({ x: kink.x, y: finiteOrNaN(left) });
	points.push({ x: kink.x, y: NaN });
	points.push({ x: kink.x, y: finiteOrNaN(right) });
}

/**
 * Builds the line of one panel: every grid point, non-finite values as NaN (gaps, never
 * spikes), a corner point at each kink between grid points, and at a jump both one-sided
 * limits with a NaN point between them. A grid point that falls on a kink is left out of
 * the line because the kink's own points replace it; its value is drawn as a dot.
 */
export function linePoints(sampled: Sampled, panel: Panel): ChartPoint[] {
	const values = panelValues(sampled, panel);
	const kinks = kinksInRange(sampled);
	const scale = magnitude(values);
	const points: ChartPoint[] = [];
	let next = 0;
	for (let i = 0; i < sampled.x.length; i++) {
		const x = sampled.x[i] ?? NaN;
		let onKink = false;
		let kink = kinks[next];
		while (kink !== undefined && kink.x <= x) {
			pushKink(points, kink, panel, scale);
			onKink = onKink || kink.x === x;
			next += 1;
			kink = kinks[next];
		}
		if (!onKink) {
			points.push({ x, y: finiteOrNaN(values[i] ?? NaN) });
		}
	}
	return points;
}

/**
 * Builds the dots that show a kink's convention: where the limits differ, an open dot at
 * each one-sided limit and a filled dot at the value the function returns at the point
 * (PyTorch's gradient, or the value at a jump). A point where the line is continuous and
 * the function agrees with it gets no dot. Open dots come first so filled ones cover them.
 */
export function kinkDots(sampled: Sampled, panel: Panel): KinkDot[] {
	const scale = magnitude(panelValues(sampled, panel));
	const open: KinkDot[] = [];
	const filled: KinkDot[] = [];
	for (const kink of kinksInRange(sampled)) {
		const { left, right, at } = limits(kink, panel);
		const continuous = nearlyEqual(left, right, scale);
		if (continuous && nearlyEqual(left, at, scale)) {
			continue;
		}
		for (const limit of continuous ? [left] : [left, right]) {
			if (Number.isFinite(limit)) {
				open.push({ x: kink.x, y: limit, open: true });
			}
		}
		if (Number.isFinite(at)) {
			filled.push({ x: kink.x, y: at, open: false });
		}
	}
	return [...open, ...filled];
}
