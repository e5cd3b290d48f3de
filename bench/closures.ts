// Hand-written JavaScript for each benchmark case: one loop over the grid that
// writes the value and the gradient, with the derivative worked out by hand.
// This is what a careful programmer would write for one fixed function, so it
// is the fair fast baseline for a kernel that has to handle any expression.
import { erf } from "./erf";

/** Writes f(x[i]) into value[i] and f'(x[i]) into gradient[i] for every i. */
export type GridFunction = (
	x: Float64Array,
	value: Float64Array,
	gradient: Float64Array,
) => void;

/** 1 / sqrt(2 pi), the standard normal density at 0. */
const NORMAL_DENSITY_AT_ZERO = 0.3989422804014327;

/** Returns 1 / (1 + exp(-t)) without overflow for large negative t. */
function sigmoid(t: number): number {
	if (t >= 0) {
		return 1 / (1 + Math.exp(-t));
	}
	const e = Math.exp(t);
	return e / (1 + e);
}

/** relu, with gradient 0 at 0 as in PyTorch. */
export const relu: GridFunction = (x, value, gradient) => {
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		value[i] = xi > 0 ? xi : 0;
		gradient[i] = xi > 0 ? 1 : 0;
	}
};

export const logistic: GridFunction = (x, value, gradient) => {
	for (let i = 0; i < x.length; i++) {
		const s = sigmoid(x[i] as number);
		value[i] = s;
		gradient[i] = s * (1 - s);
	}
};

/** x Φ(x), with Φ the standard normal distribution function, which is GELU's exact form. */
export const gelu: GridFunction = (x, value, gradient) => {
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		const cdf = 0.5 * (1 + erf(xi * Math.SQRT1_2));
		const density = NORMAL_DENSITY_AT_ZERO * Math.exp(-0.5 * xi * xi);
		value[i] = xi * cdf;
		gradient[i] = cdf + xi * density;
	}
};

/** Returns the closure for x sigmoid(beta x); its gradient is s + beta x s (1 - s). */
export function swishWithBeta(beta: number): GridFunction {
	return (x, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const s = sigmoid(beta * xi);
			value[i] = xi * s;
			gradient[i] = s + beta * xi * s * (1 - s);
		}
	};
}

/**
 * Returns the closure for max(0, x) + slope min(0, x). At 0 the two branches
 * tie, and max and min each split their gradient evenly, so the gradient there
 * is (1 + slope) / 2.
 */
export function leakyWithSlope(slope: number): GridFunction {
	const gradientAtZero = (1 + slope) / 2;
	return (x, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi > 0) {
				value[i] = xi;
				gradient[i] = 1;
			} else if (xi < 0) {
				value[i] = slope * xi;
				gradient[i] = slope;
			} else {
				value[i] = 0;
				gradient[i] = gradientAtZero;
			}
		}
	};
}

/** Returns the closure for x > 0 ? x : alpha (exp(x) - 1), the ELU written as a conditional. */
export function eluWithAlpha(alpha: number): GridFunction {
	return (x, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi > 0) {
				value[i] = xi;
				gradient[i] = 1;
			} else {
				const e = Math.exp(xi);
				value[i] = alpha * (e - 1);
				gradient[i] = alpha * e;
			}
		}
	};
}
