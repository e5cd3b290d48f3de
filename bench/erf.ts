// The error function for the hand-written closure baseline, which needs one as
// accurate as the kernel's: JavaScript has no Math.erf, and a cheaper
// approximation (Abramowitz-Stegun 7.1.26, about 1e-7) would let the baseline
// win by being wrong.
//
// W. J. Cody's rational Chebyshev approximations (netlib specfun/erf), with the
// coefficients that mathjs 15's erf also uses. Over [-10, 10] in steps of 1e-4
// it stays within 3.1e-16 (relative) of mathjs's erf.

/** Upper end of the interval where erf itself is approximated. */
const SMALL_LIMIT = 0.46875;

/** Upper end of the interval where erfc is approximated by a rational function of x. */
const MEDIUM_LIMIT = 4;

/** Beyond this |x|, erfc(|x|) < 2.2e-17 and erf(x) rounds to ±1 in float64. */
const SATURATION_LIMIT = 6;

/** 1 / sqrt(pi). */
const INVERSE_SQRT_PI = 0.5641895835477563;

const SMALL_NUMERATOR = [
	3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694,
	0.18577770618460315,
];
const SMALL_DENOMINATOR = [
	23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171,
];
const MEDIUM_NUMERATOR = [
	0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001,
	881.952221241769, 1712.0476126340707, 2051.0783778260716, 1230.3393547979972,
	2.1531153547440383e-8,
];
const MEDIUM_DENOMINATOR = [
	15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903,
	3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const LARGE_NUMERATOR = [
	0.30532663496123236, 0.36034489994980445, 0.12578172611122926,
	0.016083785148742275, 0.0006587491615298378, 0.016315387137302097,
];
const LARGE_DENOMINATOR = [
	2.568520192289822, 1.8729528499234604, 0.5279051029514285,
	0.06051834131244132, 0.0023352049762686918,
];

/**
 * Evaluates Cody's rational function: the numerator has one more coefficient
 * than the denominator, and its last coefficient multiplies the highest power
 * of `t`.
 */
function rational(
	numerator: readonly number[],
	denominator: readonly number[],
	t: number,
): number {
	const degree = denominator.length;
	let top = (numerator[degree] ?? 0) * t;
	let bottom = t;
	for (let i = 0; i < degree - 1; i++) {
		top = (top + (numerator[i] ?? 0)) * t;
		bottom = (bottom + (denominator[i] ?? 0)) * t;
	}
	return (
		(top + (numerator[degree - 1] ?? 0)) /
		(bottom + (denominator[degree - 1] ?? 0))
	);
}

/**
 * Returns exp(-y²) without the rounding error of squaring y: y is split into a
 * part with few bits, whose square is exact, and a small remainder.
 */
function expMinusSquare(y: number): number {
	const head = Math.trunc(y * 16) / 16;
	const remainder = (y - head) * (y + head);
	return Math.exp(-head * head) * Math.exp(-remainder);
}

/** Returns erfc(y) for y >= SMALL_LIMIT. */
function erfcPositive(y: number): number {
	if (y <= MEDIUM_LIMIT) {
		return (
			expMinusSquare(y) * rational(MEDIUM_NUMERATOR, MEDIUM_DENOMINATOR, y)
		);
	}
	const inverseSquare = 1 / (y * y);
	const tail =
		inverseSquare * rational(LARGE_NUMERATOR, LARGE_DENOMINATOR, inverseSquare);
	return (expMinusSquare(y) * (INVERSE_SQRT_PI - tail)) / y;
}

/** Returns erf(x), for example erf(0.5) = 0.5204998778130465. */
export function erf(x: number): number {
	const y = Math.abs(x);
	if (y <= SMALL_LIMIT) {
		return x * rational(SMALL_NUMERATOR, SMALL_DENOMINATOR, y * y);
	}
	if (y >= SATURATION_LIMIT) {
		return Math.sign(x);
	}
	const magnitude = 1 - erfcPositive(y);
	return x < 0 ? -magnitude : magnitude;
}
