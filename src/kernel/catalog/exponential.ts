import { log1pExp, sigmoid as logistic, tanhDerivative } from "../special";
import {
	at,
	distinctBreakpoints,
	noBreakpoints,
	parameter,
	type CatalogEntry,
} from "./entry";

/* eslint-disable no-loss-of-precision -- the SELU constants keep the digits PyTorch quotes; float64 rounds them. */
/** SELU's fixed alpha and scale, to the digits PyTorch's documentation quotes. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;
/* eslint-enable no-loss-of-precision -- exact literals from here on. */

/**
 * elu, selu and celu: scale * x for x > 0, scale * alpha * expm1(x / width) otherwise.
 * At 0 the gradient is the left side's, scale * alpha / width, as in PyTorch.
 */
function exponentialLinearKernel(
	x: Float64Array,
	scale: number,
	alpha: number,
	width: number,
	value: Float64Array,
	gradient: Float64Array,
): void {
	const negativeScale = scale * alpha;
	const inverseWidth = 1 / width;
	const negativeSlope = negativeScale * inverseWidth;
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		if (xi > 0) {
			value[i] = scale * xi;
			gradient[i] = scale;
		} else {
			const scaled = xi * inverseWidth;
			value[i] = negativeScale * Math.expm1(scaled);
			gradient[i] = negativeSlope * Math.exp(scaled);
		}
	}
}

const zeroBreakpoint = (): number[] => [0];

export const elu: CatalogEntry = {
	name: "elu",
	description:
		"Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise.",
	parameters: [parameter("alpha", 1, 0, 3, 0.05)],
	formula: {
		value: String.raw`\begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}`,
	},
	kinkConvention: "The gradient at 0 is the left limit, alpha.",
	evaluate: (x, parameters, value, gradient) =>
		exponentialLinearKernel(x, 1, at(parameters, 0), 1, value, gradient),
	breakpoints: zeroBreakpoint,
};

export const selu: CatalogEntry = {
	name: "selu",
	description:
		"Scaled ELU with the fixed constants that make a network self-normalizing.",
	parameters: [],
	formula: {
		value: String.raw`\lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}, \quad \lambda \approx 1.0507, \ \alpha \approx 1.6733`,
		gradient: String.raw`\lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}`,
	},
	kinkConvention:
		"The gradient at 0 is the left limit, scale * alpha (about 1.7581).",
	evaluate: (x, _parameters, value, gradient) =>
		exponentialLinearKernel(x, SELU_SCALE, SELU_ALPHA, 1, value, gradient),
	breakpoints: zeroBreakpoint,
};

export const celu: CatalogEntry = {
	name: "celu",
	description:
		"Continuously differentiable ELU: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).",
	parameters: [parameter("alpha", 1, 0.05, 3, 0.05)],
	formula: {
		value: String.raw`\max(0, x) + \min\left(0, \alpha \left(e^{x / \alpha} - 1\right)\right)`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ e^{x / \alpha} & x \le 0 \end{cases}`,
	},
	kinkConvention: "The gradient at 0 is the left limit, 1.",
	evaluate: (x, parameters, value, gradient) => {
		const alpha = at(parameters, 0);
		exponentialLinearKernel(x, 1, alpha, alpha, value, gradient);
	},
	breakpoints: zeroBreakpoint,
};

export const softplus: CatalogEntry = {
	name: "softplus",
	description:
		"Smooth ReLU: log(1 + exp(beta * x)) / beta, and x itself where beta * x exceeds the threshold.",
	parameters: [
		parameter("beta", 1, 0.1, 5, 0.1),
		parameter("threshold", 20, 1, 40, 1),
	],
	formula: {
		value: String.raw`\begin{cases} \frac{1}{\beta} \log\left(1 + e^{\beta x}\right) & \beta x \le \text{threshold} \\ x & \beta x > \text{threshold} \end{cases}`,
		gradient: String.raw`\begin{cases} \frac{1}{1 + e^{-\beta x}} & \beta x \le \text{threshold} \\ 1 & \beta x > \text{threshold} \end{cases}`,
	},
	kinkConvention:
		"It switches to x where beta * x passes the threshold, a jump of about exp(-threshold) / beta; the gradient there is the smooth branch's.",
	evaluate: (x, parameters, value, gradient) => {
		const beta = at(parameters, 0);
		const limit = at(parameters, 1);
		const inverseBeta = 1 / beta;
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const scaled = beta * xi;
			if (scaled > limit) {
				value[i] = xi;
				gradient[i] = 1;
			} else {
				value[i] = inverseBeta * log1pExp(scaled);
				gradient[i] = logistic(scaled);
			}
		}
	},
	breakpoints: (parameters) =>
		distinctBreakpoints(at(parameters, 1) / at(parameters, 0)),
};

export const sigmoid: CatalogEntry = {
	name: "sigmoid",
	description: "Logistic sigmoid: 1 / (1 + exp(-x)), from 0 to 1.",
	parameters: [],
	formula: {
		value: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`,
		gradient: String.raw`\sigma(x) \left(1 - \sigma(x)\right)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			// With e = exp(-|x|) and r = 1 / (1 + e): sigmoid(|x|) = r, sigmoid(-|x|) = e r,
			// and sigmoid' = e r^2 in both tails, where s (1 - s) would cancel.
			if (xi >= 0) {
				const e = Math.exp(-xi);
				const r = 1 / (1 + e);
				value[i] = r;
				gradient[i] = e * r * r;
			} else {
				const e = Math.exp(xi);
				const r = 1 / (1 + e);
				value[i] = e * r;
				gradient[i] = e * r * r;
			}
		}
	},
	breakpoints: noBreakpoints,
};

export const logsigmoid: CatalogEntry = {
	name: "logsigmoid",
	description: "Logarithm of the sigmoid: -softplus(-x).",
	parameters: [],
	formula: {
		value: String.raw`\log \frac{1}{1 + e^{-x}}`,
		gradient: String.raw`\frac{1}{1 + e^{x}}`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const e = Math.exp(-Math.abs(xi));
			value[i] = Math.min(xi, 0) - Math.log1p(e);
			gradient[i] = xi >= 0 ? e / (1 + e) : 1 / (1 + e);
		}
	},
	breakpoints: noBreakpoints,
};

export const tanh: CatalogEntry = {
	name: "tanh",
	description: "Hyperbolic tangent, from -1 to 1.",
	parameters: [],
	formula: {
		value: String.raw`\tanh(x)`,
		gradient: String.raw`1 - \tanh^2(x) = \frac{4}{\left(e^{x} + e^{-x}\right)^2}`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			value[i] = Math.tanh(xi);
			gradient[i] = tanhDerivative(xi);
		}
	},
	breakpoints: noBreakpoints,
};

/** Below this |x|, x - tanh(x) comes from its Taylor series instead of a cancelling difference. */
const TANHSHRINK_SERIES_LIMIT = 0.15;

/** Taylor coefficients of x - tanh(x) in x^3, x^5, ..., x^15 (from tanh's Bernoulli series). */
const TANHSHRINK_SERIES = [
	1 / 3,
	-2 / 15,
	17 / 315,
	-62 / 2835,
	1382 / 155925,
	-21844 / 6081075,
	929569 / 638512875,
];

function tanhshrinkSeries(x: number): number {
	const square = x * x;
	let sum = 0;
	for (let k = TANHSHRINK_SERIES.length - 1; k >= 0; k--) {
		sum = sum * square + (TANHSHRINK_SERIES[k] as number);
	}
	return sum * square * x;
}

export const tanhshrink: CatalogEntry = {
	name: "tanhshrink",
	description: "The input minus its tanh: x - tanh(x).",
	parameters: [],
	formula: {
		value: String.raw`x - \tanh(x)`,
		gradient: String.raw`\tanh^2(x)`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const t = Math.tanh(xi);
			value[i] =
				Math.abs(xi) < TANHSHRINK_SERIES_LIMIT ? tanhshrinkSeries(xi) : xi - t;
			gradient[i] = t * t;
		}
	},
	breakpoints: noBreakpoints,
};

export const softsign: CatalogEntry = {
	name: "softsign",
	description: "Rational sigmoid-like curve: x / (1 + |x|).",
	parameters: [],
	formula: {
		value: String.raw`\frac{x}{1 + |x|}`,
		gradient: String.raw`\frac{1}{(1 + |x|)^2}`,
	},
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const d = 1 + Math.abs(xi);
			value[i] = xi / d;
			gradient[i] = 1 / (d * d);
		}
	},
	breakpoints: noBreakpoints,
};

/** Above this |x|, x * x would overflow, so squareplus uses Math.hypot. */
const SQUAREPLUS_HYPOT_LIMIT = 1e150;

export const squareplus: CatalogEntry = {
	name: "squareplus",
	description: "Algebraic softplus: (x + sqrt(x^2 + b)) / 2.",
	parameters: [parameter("b", 4, 0, 16, 0.1)],
	formula: {
		value: String.raw`\frac{x + \sqrt{x^2 + b}}{2}`,
		gradient: String.raw`\frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)`,
	},
	kinkConvention:
		"It has no kinks for b > 0; with b = 0 it is relu and its gradient at 0 is 1/2.",
	evaluate: (x, parameters, value, gradient) => {
		const b = at(parameters, 0);
		const rootB = Math.sqrt(b);
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const r =
				Math.abs(xi) < SQUAREPLUS_HYPOT_LIMIT
					? Math.sqrt(xi * xi + b)
					: Math.hypot(xi, rootB);
			if (xi >= 0) {
				value[i] = (xi + r) / 2;
				gradient[i] = r === 0 ? 0.5 : (1 + xi / r) / 2;
			} else {
				// x + r cancels for x << 0; (x + r)(r - x) = b gives the same value without it.
				const difference = r - xi;
				value[i] = b / (2 * difference);
				gradient[i] = b / (2 * r * difference);
			}
		}
	},
	breakpoints: (parameters) => (at(parameters, 0) === 0 ? [0] : []),
};
