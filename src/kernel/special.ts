/**
 * Scalar special functions in float64: erf and erfc, and the numerically stable pieces
 * that the catalog shares (logistic sigmoid, tanh'). Each is accurate to a few ulp over
 * the whole real line, tails included.
 */

/*
 * erf and erfc translate W. J. Cody's CALERF from netlib specfun
 * (https://www.netlib.org/specfun/erf), the routine behind his "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969); mathjs 15's erf uses
 * the same coefficients. Three intervals of |x|: [0, 0.46875] for erf, (0.46875, 4] and
 * (4, inf) for erfc. exp(-x^2) is evaluated as exp(-h^2) * exp(-(x - h)(x + h)) with
 * h = trunc(16x) / 16, which keeps the relative error of erfc at a few ulp deep into
 * the tail (measured against mpmath: at most 4.3e-16 on [-28, 28]).
 */

/* eslint-disable no-loss-of-precision -- Cody's coefficients keep all the digits he published; float64 rounds them. */

/** Upper end of the interval where erf uses its own approximation. */
export const ERF_SMALL = 0.46875;

/** Upper end of the middle erfc interval. */
const ERFC_MIDDLE = 4;

/** Beyond this |x|, erfc(|x|) is below the smallest subnormal float64. */
const ERFC_UNDERFLOW = 27.3;

/** 1 / sqrt(pi). */
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

const ERF_P = [
	3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2,
	3.20937758913846947e3, 1.85777706184603153e-1,
];
const ERF_Q = [
	2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3,
	2.84423683343917062e3,
];
const ERFC_MIDDLE_P = [
	5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1,
	2.98635138197400131e2, 8.8195222124176909e2, 1.71204761263407058e3,
	2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8,
];
const ERFC_MIDDLE_Q = [
	1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2,
	1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3,
	3.43936767414372164e3, 1.23033935480374942e3,
];
const ERFC_TAIL_P = [
	3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
	1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2,
];
const ERFC_TAIL_Q = [
	2.56852019228982242, 1.87295284992346047, 5.27905102951428412e-1,
	6.05183413124413191e-2, 2.33520497626869185e-3,
];

/* eslint-enable no-loss-of-precision -- exact literals from here on. */

function coefficient(table: readonly number[], index: number): number {
	return table[index] as number;
}

/** erf(y) / y for |y| <= 0.46875, as a rational function of y^2. */
export function erfSmallRatio(y: number): number {
	const ysq = y * y;
	let numerator = coefficient(ERF_P, 4) * ysq;
	let denominator = ysq;
	for (let i = 0; i < 3; i++) {
		numerator = (numerator + coefficient(ERF_P, i)) * ysq;
		denominator = (denominator + coefficient(ERF_Q, i)) * ysq;
	}
	return (
		(numerator + coefficient(ERF_P, 3)) / (denominator + coefficient(ERF_Q, 3))
	);
}

/** exp(-y^2) without the rounding error of y * y (Cody's split). */
function expNegativeSquare(y: number): number {
	const head = Math.trunc(y * 16) / 16;
	const rest = (y - head) * (y + head);
	return Math.exp(-head * head) * Math.exp(-rest);
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
	return y >= ERFC_UNDERFLOW ? 0 : expNegativeSquare(y) * erfcRatio(y);
}

/** erfc(y) / exp(-y^2) for 0.46875 < y < 27.3, Cody's rational approximations. */
export function erfcRatio(y: number): number {
	let ratio: number;
	if (y <= ERFC_MIDDLE) {
		let numerator = coefficient(ERFC_MIDDLE_P, 8) * y;
		let denominator = y;
		for (let i = 0; i < 7; i++) {
			numerator = (numerator + coefficient(ERFC_MIDDLE_P, i)) * y;
			denominator = (denominator + coefficient(ERFC_MIDDLE_Q, i)) * y;
		}
		ratio =
			(numerator + coefficient(ERFC_MIDDLE_P, 7)) /
			(denominator + coefficient(ERFC_MIDDLE_Q, 7));
	} else {
		const inverseSquare = 1 / (y * y);
		let numerator = coefficient(ERFC_TAIL_P, 5) * inverseSquare;
		let denominator = inverseSquare;
		for (let i = 0; i < 4; i++) {
			numerator = (numerator + coefficient(ERFC_TAIL_P, i)) * inverseSquare;
			denominator = (denominator + coefficient(ERFC_TAIL_Q, i)) * inverseSquare;
		}
		const correction =
			(inverseSquare * (numerator + coefficient(ERFC_TAIL_P, 4))) /
			(denominator + coefficient(ERFC_TAIL_Q, 4));
		ratio = (ONE_OVER_SQRT_PI - correction) / y;
	}
	return ratio;
}

/** The error function, erf(x) = 2 / sqrt(pi) * integral of exp(-t^2) from 0 to x. */
export function erf(x: number): number {
	const y = Math.abs(x);
	if (y <= ERF_SMALL) {
		return x * erfSmallRatio(x);
	}
	if (Number.isNaN(x)) {
		return NaN;
	}
	const value = 0.5 - erfcPositive(y) + 0.5;
	return x < 0 ? -value : value;
}

/** The complementary error function, erfc(x) = 1 - erf(x), without cancellation for large x. */
export function erfc(x: number): number {
	const y = Math.abs(x);
	if (y <= ERF_SMALL) {
		return 1 - x * erfSmallRatio(x);
	}
	if (Number.isNaN(x)) {
		return NaN;
	}
	const tail = erfcPositive(y);
	return x < 0 ? 2 - tail : tail;
}

/**
 * Writes erf(x[i]) (or erfc(x[i]) when `complement` is true) into value[i] and the
 * derivative times dx[i] into gradient[i]. One exp(-x^2) serves both, so this costs
 * half of calling erf and erfDerivative separately. value may be x and gradient dx.
 */
export function erfKernel(
	x: Float64Array,
	dx: Float64Array,
	value: Float64Array,
	gradient: Float64Array,
	complement: boolean,
): void {
	const sign = complement ? -1 : 1;
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		const dxi = dx[i] as number;
		const y = Math.abs(xi);
		// exp(-x^2); below ERF_SMALL, x^2 < 0.22 rounds too little to need Cody's split.
		let density = 0;
		if (y <= ERF_SMALL) {
			density = Math.exp(-xi * xi);
		} else if (y < ERFC_UNDERFLOW) {
			density = expNegativeSquare(y);
		}
		let erfValue: number;
		if (y <= ERF_SMALL) {
			erfValue = xi * erfSmallRatio(xi);
		} else if (Number.isNaN(xi)) {
			erfValue = NaN;
		} else {
			const tail = density * erfcRatio(y);
			if (complement) {
				value[i] = xi < 0 ? 2 - tail : tail;
				gradient[i] = -TWO_OVER_SQRT_PI * density * dxi;
				continue;
			}
			const positive = 0.5 - tail + 0.5;
			erfValue = xi < 0 ? -positive : positive;
		}
		value[i] = complement ? 1 - erfValue : erfValue;
		gradient[i] = sign * TWO_OVER_SQRT_PI * density * dxi;
	}
}

/** 2 / sqrt(pi), the derivative of erf at 0. */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** d/dx erf(x) = 2 / sqrt(pi) * exp(-x^2). */
export function erfDerivative(x: number): number {
	return TWO_OVER_SQRT_PI * expNegativeSquare(Math.abs(x));
}

/** Returns the logistic sigmoid 1 / (1 + exp(-x)), computed from exp(-|x|), which cannot overflow. */
export function sigmoid(x: number): number {
	const e = Math.exp(-Math.abs(x));
	return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** sigmoid'(x) = exp(-|x|) / (1 + exp(-|x|))^2, exact in both tails. */
export function sigmoidDerivative(x: number): number {
	const e = Math.exp(-Math.abs(x));
	const d = 1 + e;
	return e / (d * d);
}

/** tanh'(x) = 4 s / (1 + s)^2 with s = exp(-2|x|); 1 - tanh(x)^2 would be 0 beyond |x| = 19. */
export function tanhDerivative(x: number): number {
	const s = Math.exp(-2 * Math.abs(x));
	const d = 1 + s;
	return (4 * s) / (d * d);
}

/** log(1 + exp(x)) without overflow for large x or loss for very negative x. */
export function log1pExp(x: number): number {
	return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

const BUFFER = new DataView(new ArrayBuffer(8));

/** Returns the next float64 above x, or x itself for +Infinity and NaN. */
export function nextUp(x: number): number {
	if (Number.isNaN(x) || x === Infinity) {
		return x;
	}
	if (x === 0) {
		return Number.MIN_VALUE;
	}
	BUFFER.setFloat64(0, x);
	const bits = BUFFER.getBigInt64(0);
	BUFFER.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
	return BUFFER.getFloat64(0);
}

/** Returns the next float64 below x, or x itself for -Infinity and NaN. */
export function nextDown(x: number): number {
	return -nextUp(-x);
}
