import {
	exactProbe,
	isSmoothSwitch,
	measureKinks,
	sortKinks,
	type KinkProbe,
} from "../kinks";
import type { Kink } from "../types";
import type { ExpressionEvaluator } from "./interpret";

/** Kinks are located to this fraction of the domain width. */
export const KINK_TOLERANCE = 1e-12;

/** Relative size below which a branch switch that changes nothing is not reported. */
const SMOOTH_SWITCH_TOLERANCE = 1e-9;

/** A grid interval whose branch codes differ at its ends, being narrowed by bisection. */
interface Bracket {
	lo: number;
	hi: number;
	/** The branch records that differ, and their codes at lo. */
	slots: number[];
	codes: number[];
}

/** Branch codes at a set of points, one Int8Array per record. */
function recordCodes(
	evaluator: ExpressionEvaluator,
	parameters: Float64Array,
	x: Float64Array,
): Int8Array[] {
	const count = evaluator.compiled.slotCount;
	const codes = Array.from({ length: count }, () => new Int8Array(x.length));
	const scratch = new Float64Array(x.length);
	evaluator.evaluate(x, parameters, scratch, new Float64Array(x.length), codes);
	return codes;
}

function codeAt(
	codes: readonly Int8Array[],
	slot: number,
	index: number,
): number {
	return (codes[slot] as Int8Array)[index] as number;
}

/** True when a point sits exactly on a switch of one of the given records (odd code). */
function isTie(
	codes: readonly Int8Array[],
	slots: readonly number[],
	index: number,
): boolean {
	return slots.some((slot) => (codeAt(codes, slot, index) & 1) === 1);
}

/** The records that switch between grid points i and i + 1, ignoring a switch onto a tie. */
function switchingSlots(codes: readonly Int8Array[], i: number): number[] {
	const slots: number[] = [];
	codes.forEach((record, slot) => {
		const a = record[i] as number;
		const b = record[i + 1] as number;
		if (a === b || a < 0 || b < 0) {
			return;
		}
		const ontoTie = ((a & 1) === 1 || (b & 1) === 1) && Math.abs(a - b) === 1;
		if (!ontoTie) {
			slots.push(slot);
		}
	});
	return slots;
}

/** The number in [lo, hi] with the fewest significant digits, so a kink at 0.5 reads 0.5. */
export function simplestBetween(lo: number, hi: number): number {
	if (lo <= 0 && hi >= 0) {
		return 0;
	}
	const middle = lo + (hi - lo) / 2;
	for (let digits = 1; digits <= 17; digits++) {
		const candidate = Number(middle.toPrecision(digits));
		if (candidate >= lo && candidate <= hi) {
			return candidate;
		}
	}
	return middle;
}

/**
 * Narrows every bracket at once, one vectorised evaluation per step, until it is at
 * most `tolerance` wide. A midpoint that lands exactly on a switch ends its bracket.
 * Returns the exact points found and the brackets that converged.
 */
function bisect(
	evaluator: ExpressionEvaluator,
	parameters: Float64Array,
	brackets: Bracket[],
	tolerance: number,
): { exact: number[]; converged: Bracket[] } {
	const exact: number[] = [];
	const converged: Bracket[] = [];
	let active = brackets;
	while (active.length > 0) {
		const open: Bracket[] = [];
		for (const bracket of active) {
			const middle = bracket.lo + (bracket.hi - bracket.lo) / 2;
			const done =
				bracket.hi - bracket.lo <= tolerance ||
				middle <= bracket.lo ||
				middle >= bracket.hi;
			(done ? converged : open).push(bracket);
		}
		if (open.length === 0) {
			break;
		}
		const middles = Float64Array.from(open, (b) => b.lo + (b.hi - b.lo) / 2);
		const codes = recordCodes(evaluator, parameters, middles);
		active = [];
		open.forEach((bracket, k) => {
			const middle = middles[k] as number;
			if (isTie(codes, bracket.slots, k)) {
				exact.push(middle);
				return;
			}
			const sameAsLo = bracket.slots.every(
				(slot, j) => codeAt(codes, slot, k) === bracket.codes[j],
			);
			if (sameAsLo) {
				bracket.lo = middle;
			} else {
				bracket.hi = middle;
			}
			active.push(bracket);
		});
	}
	return { exact, converged };
}

/**
 * Finds the kinks of an expression over a sorted grid: grid points that sit exactly
 * on a switch, and switches between neighbouring points located by bisection to
 * KINK_TOLERANCE of the grid's width. Each converged bracket reports the simplest
 * number inside it; if that number is exactly on the switch the kink is exact.
 */
export function findExpressionKinks(
	evaluator: ExpressionEvaluator,
	parameters: Float64Array,
	x: Float64Array,
): Kink[] {
	const n = x.length;
	const slotCount = evaluator.compiled.slotCount;
	if (n === 0 || slotCount === 0) {
		return [];
	}
	const allSlots = Array.from({ length: slotCount }, (_, slot) => slot);
	const codes = recordCodes(evaluator, parameters, x);
	const exact: number[] = [];
	const brackets: Bracket[] = [];
	for (let i = 0; i < n; i++) {
		if (isTie(codes, allSlots, i)) {
			exact.push(x[i] as number);
		}
		if (i + 1 < n) {
			const slots = switchingSlots(codes, i);
			if (slots.length > 0) {
				const lo = x[i] as number;
				const hi = x[i + 1] as number;
				brackets.push({
					lo,
					hi,
					slots,
					codes: slots.map((slot) => codeAt(codes, slot, i)),
				});
			}
		}
	}
	const width = (x[n - 1] as number) - (x[0] as number);
	const found = bisect(evaluator, parameters, brackets, KINK_TOLERANCE * width);
	exact.push(...found.exact);
	const probes: KinkProbe[] = exact.map(exactProbe);
	if (found.converged.length > 0) {
		const simplest = Float64Array.from(found.converged, (b) =>
			simplestBetween(b.lo, b.hi),
		);
		const simplestCodes = recordCodes(evaluator, parameters, simplest);
		found.converged.forEach((bracket, k) => {
			const point = simplest[k] as number;
			if (isTie(simplestCodes, bracket.slots, k)) {
				probes.push(exactProbe(point));
			} else {
				probes.push({ x: point, left: bracket.lo, right: bracket.hi });
			}
		});
	}
	const measured = measureKinks(probes, (points, value, gradient) =>
		evaluator.evaluate(points, parameters, value, gradient),
	);
	return sortKinks(measured).filter(
		(kink) => !isSmoothSwitch(kink, SMOOTH_SWITCH_TOLERANCE),
	);
}
