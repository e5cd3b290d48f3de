import { ERF_SMALL, erfcRatio, erfSmallRatio } from "../special";
import { at, noBreakpoints, parameter, type CatalogEntry } from "./entry";

/** 1 / sqrt(2 pi), the peak of the standard normal density. */
const INVERSE_SQRT_2PI = 0.3989422804014327;

/** sqrt(2 / pi), the scale inside the tanh approximation of GELU. */
const SQRT_2_OVER_PI = 0.7978845608028654;

/** The cubic coefficient of GELU's tanh approximation, as in PyTorch's approximate='tanh'. */
const GELU_TANH_CUBIC = 0.044715;

/** sqrt(2 pi), the ratio of exp(-x^2 / 2) to the normal density. */
const SQRT_2PI = 2.5066282746310007;

/** Returns the standard normal density exp(-x^2 / 2) / sqrt(2 pi), with x^2 split so it rounds once. */
export function normalDensity(x: number): number {
	const y = Math.abs(x);
	const head = Math.trunc(y * 16) / 16;
	const rest = (y - head) * (y + head);
	return (
		INVERSE_SQRT_2PI * Math.exp(-0.5 * head * head) * Math.exp(-0.5 * rest)
	);
}

/**
 * The standard normal CDF Phi(x) = erfc(-x / sqrt(2)) / 2, given the density at x.
 * Cody's erfc(t) is exp(-t^2) times a rational function R(t); here exp(-t^2) is taken
 * from the density, exp(-x^2 / 2), which does not suffer the rounding of t = -x / sqrt(2).
 * Only R(t) is affected by that rounding, and R varies slowly, so the left tail keeps full precision.
 */
export function normalCdf(x: number, density: number): number {
	const t = -x * Math.SQRT1_2;
	const y = Math.abs(t);
	if (y <= ERF_SMALL) {
		return 0.5 - 0.5 * t * erfSmallRatio(t);
	}
	const tail = 0.5 * SQRT_2PI * density * erfcRatio(y);
	return t > 0 ? tail : 1 - tail;
}

export const gelu: CatalogEntry = {
	name: "gelu",
	description:
		"Gaussian error linear unit: x times the standard normal CDF of x.",
	parameters: [],
	formula: {
		value: String.raw`x \, \Phi(x) = \frac{x}{2} \operatorname{erfc}\left(-\frac{x}{\sqrt{2}}\right)`,
		gradient: String.raw`\Phi(x) + x \, \frac{e^{-x^2 / 2}}{\sqrt{2 \pi}}`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const density = normalDensity(xi);
			const cdf = normalCdf(xi, density);
			value[i] = xi * cdf;
			gradient[i] = cdf + xi * density;
		}
	},
	breakpoints: noBreakpoints,
};

export const geluTanh: CatalogEntry = {
	name: "gelu_tanh",
	description: "GELU with PyTorch's tanh approximation (approximate='tanh').",
	parameters: [],
	formula: {
		value: String.raw`\frac{x}{2}\left(1 + \tanh u\right), \quad u = \sqrt{2 / \pi}\left(x + 0.044715 x^3\right)`,
		gradient: String.raw`\frac{1}{2}\left(1 + \tanh u\right) + \frac{x}{2}\left(1 - \tanh^2 u\right) \sqrt{2 / \pi}\left(1 + 0.134145 x^2\right)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const square = xi * xi;
			// (1 + tanh u) / 2 = sigmoid(2u), which does not cancel in the left tail.
			const twoU = 2 * SQRT_2_OVER_PI * xi * (1 + GELU_TANH_CUBIC * square);
			const e = Math.exp(-Math.abs(twoU));
			const d = 1 + e;
			const s = twoU >= 0 ? 1 / d : e / d;
			const slope = 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * square);
			value[i] = xi * s;
			gradient[i] = s + ((xi * e) / (d * d)) * slope;
		}
	},
	breakpoints: noBreakpoints,
};

/** swish and silu: x * sigmoid(beta x) and its gradient sigmoid(bx) (1 + bx (1 - sigmoid(bx))). */
function swishKernel(
	x: Float64Array,
	beta: number,
	value: Float64Array,
	gradient: Float64Array,
): void {
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		const scaled = beta * xi;
		const e = Math.exp(-Math.abs(scaled));
		const d = 1 + e;
		const s = scaled >= 0 ? 1 / d : e / d;
		const complement = scaled >= 0 ? e / d : 1 / d;
		value[i] = xi * s;
		gradient[i] = s * (1 + scaled * complement);
	}
}

export const silu: CatalogEntry = {
	name: "silu",
	description:
		"Sigmoid linear unit: x * sigmoid(x), which is swish with beta = 1.",
	parameters: [],
	formula: {
		value: String.raw`x \, \sigma(x)`,
		gradient: String.raw`\sigma(x) \left(1 + x \left(1 - \sigma(x)\right)\right)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) =>
		swishKernel(x, 1, value, gradient),
	breakpoints: noBreakpoints,
};

export const swish: CatalogEntry = {
	name: "swish",
	description: "Swish: x * sigmoid(beta * x); beta = 1 gives silu.",
	parameters: [parameter("beta", 1, 0, 4, 0.05)],
	formula: {
		value: String.raw`x \, \sigma(\beta x)`,
		gradient: String.raw`\sigma(\beta x) \left(1 + \beta x \left(1 - \sigma(\beta x)\right)\right)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, parameters, value, gradient) =>
		swishKernel(x, at(parameters, 0), value, gradient),
	breakpoints: noBreakpoints,
};

/** Above this x, mish computes tanh(softplus(x)) from exp(-2 softplus(x)) to avoid overflow. */
const MISH_LARGE = 20;

export const mish: CatalogEntry = {
	name: "mish",
	description: "Mish: x * tanh(softplus(x)).",
	parameters: [],
	formula: {
		value: String.raw`x \tanh\left(\log\left(1 + e^{x}\right)\right)`,
		gradient: String.raw`\tanh\left(\operatorname{sp}(x)\right) + x \, \sigma(x) \left(1 - \tanh^2\left(\operatorname{sp}(x)\right)\right), \quad \operatorname{sp}(x) = \log\left(1 + e^{x}\right)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			let t: number;
			let sech2: number;
			let s: number;
			if (xi <= MISH_LARGE) {
				// With n = e^x (e^x + 2): tanh(log(1 + e^x)) = n / (n + 2), sech^2 = 4 (n + 1) / (n + 2)^2.
				const e = Math.exp(xi);
				const n = e * (e + 2);
				const d = n + 2;
				t = n / d;
				sech2 = (4 * (n + 1)) / (d * d);
				s = e / (1 + e);
			} else {
				const e = Math.exp(-xi);
				const q = Math.exp(-2 * (xi + Math.log1p(e)));
				t = (1 - q) / (1 + q);
				sech2 = (4 * q) / ((1 + q) * (1 + q));
				s = 1 / (1 + e);
			}
			value[i] = xi * t;
			gradient[i] = t + xi * s * sech2;
		}
	},
	breakpoints: noBreakpoints,
};
