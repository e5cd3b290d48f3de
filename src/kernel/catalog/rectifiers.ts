import {
	at,
	distinctBreakpoints,
	noBreakpoints,
	parameter,
	type CatalogEntry,
} from "./entry";

/** Returns the negative slope of rrelu in evaluation mode: the mean of `lower` and `upper`. */
function rreluSlope(parameters: readonly number[]): number {
	return (at(parameters, 0) + at(parameters, 1)) / 2;
}

/** relu, leaky_relu, prelu and rrelu share one kernel: slope `a` left of 0, 1 right of it. */
function leakyKernel(
	x: Float64Array,
	slope: number,
	value: Float64Array,
	gradient: Float64Array,
): void {
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		const positive = xi > 0;
		// Adding 0 turns relu(-1) = 0 * -1 = -0 into 0, as PyTorch prints it.
		value[i] = positive ? xi : slope * xi + 0;
		gradient[i] = positive ? 1 : slope;
	}
}

/** hardtanh and relu6: clamp to [low, high], gradient 0 at both ends as in PyTorch. */
function clampKernel(
	x: Float64Array,
	low: number,
	high: number,
	value: Float64Array,
	gradient: Float64Array,
): void {
	for (let i = 0; i < x.length; i++) {
		const xi = x[i] as number;
		if (xi <= low) {
			value[i] = low;
			gradient[i] = 0;
		} else if (xi >= high) {
			value[i] = high;
			gradient[i] = 0;
		} else {
			value[i] = xi;
			gradient[i] = 1;
		}
	}
}

const zeroBreakpoint = (): number[] => [0];

export const relu: CatalogEntry = {
	name: "relu",
	description:
		"Rectified linear unit: passes positive inputs and zeroes the rest.",
	parameters: [],
	formula: {
		value: String.raw`\max(0, x)`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
	},
	kinkConvention: "The gradient at 0 is 0.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			const positive = xi > 0;
			value[i] = positive ? xi : 0;
			gradient[i] = positive ? 1 : 0;
		}
	},
	breakpoints: zeroBreakpoint,
};

export const relu6: CatalogEntry = {
	name: "relu6",
	description: "ReLU capped at 6, as in MobileNet.",
	parameters: [],
	formula: {
		value: String.raw`\min(\max(0, x), 6)`,
		gradient: String.raw`\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}`,
	},
	kinkConvention: "The gradient is 0 at both x = 0 and x = 6.",
	evaluate: (x, _parameters, value, gradient) =>
		clampKernel(x, 0, 6, value, gradient),
	breakpoints: () => [0, 6],
};

export const leakyRelu: CatalogEntry = {
	name: "leaky_relu",
	description: "ReLU with a small fixed slope for negative inputs.",
	parameters: [parameter("negative_slope", 0.01, 0, 1, 0.01)],
	formula: {
		value: String.raw`\begin{cases} x & x > 0 \\ \text{negative\_slope} \cdot x & x \le 0 \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ \text{negative\_slope} & x \le 0 \end{cases}`,
	},
	kinkConvention: "The gradient at 0 is negative_slope.",
	evaluate: (x, parameters, value, gradient) =>
		leakyKernel(x, at(parameters, 0), value, gradient),
	breakpoints: zeroBreakpoint,
};

export const prelu: CatalogEntry = {
	name: "prelu",
	description:
		"Parametric ReLU: the slope for negative inputs is a learned parameter.",
	parameters: [parameter("alpha", 0.25, 0, 1, 0.01)],
	formula: {
		value: String.raw`\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}`,
	},
	kinkConvention: "The gradient at 0 is alpha.",
	evaluate: (x, parameters, value, gradient) =>
		leakyKernel(x, at(parameters, 0), value, gradient),
	breakpoints: zeroBreakpoint,
};

export const rrelu: CatalogEntry = {
	name: "rrelu",
	description:
		"Randomized leaky ReLU in evaluation mode: a fixed negative slope of (lower + upper) / 2.",
	parameters: [
		parameter("lower", 1 / 8, 0, 1, 0.005),
		parameter("upper", 1 / 3, 0, 1, 0.005),
	],
	formula: {
		value: String.raw`\begin{cases} x & x > 0 \\ \frac{\text{lower} + \text{upper}}{2} x & x \le 0 \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & x > 0 \\ \frac{\text{lower} + \text{upper}}{2} & x \le 0 \end{cases}`,
	},
	kinkConvention:
		"The gradient at 0 is the negative slope (lower + upper) / 2.",
	evaluate: (x, parameters, value, gradient) =>
		leakyKernel(x, rreluSlope(parameters), value, gradient),
	breakpoints: zeroBreakpoint,
};

export const hardtanh: CatalogEntry = {
	name: "hardtanh",
	description:
		"Identity clamped to [min_val, max_val], a piecewise linear tanh.",
	parameters: [
		parameter("min_val", -1, -5, 0, 0.1),
		parameter("max_val", 1, 0, 5, 0.1),
	],
	formula: {
		value: String.raw`\min(\max(x, \text{min\_val}), \text{max\_val})`,
		gradient: String.raw`\begin{cases} 1 & \text{min\_val} < x < \text{max\_val} \\ 0 & \text{otherwise} \end{cases}`,
	},
	kinkConvention: "The gradient is 0 at both x = min_val and x = max_val.",
	// torch.nn.Hardtanh asserts max_val > min_val. Equal bounds, which give a constant
	// function, are accepted here.
	rules: [{ parameter: "min_val", operator: "<=", bound: "max_val" }],
	evaluate: (x, parameters, value, gradient) =>
		clampKernel(x, at(parameters, 0), at(parameters, 1), value, gradient),
	breakpoints: (parameters) =>
		distinctBreakpoints(at(parameters, 0), at(parameters, 1)),
};

export const threshold: CatalogEntry = {
	name: "threshold",
	description:
		"Passes x above the threshold and replaces the rest by a constant value.",
	parameters: [
		parameter("threshold", 0, -5, 5, 0.1),
		parameter("value", 0, -5, 5, 0.1),
	],
	formula: {
		value: String.raw`\begin{cases} x & x > \text{threshold} \\ \text{value} & x \le \text{threshold} \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & x > \text{threshold} \\ 0 & x \le \text{threshold} \end{cases}`,
	},
	kinkConvention: "The gradient at x = threshold is 0.",
	evaluate: (x, parameters, value, gradient) => {
		const limit = at(parameters, 0);
		const replacement = at(parameters, 1);
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi > limit) {
				value[i] = xi;
				gradient[i] = 1;
			} else {
				value[i] = replacement;
				gradient[i] = 0;
			}
		}
	},
	breakpoints: (parameters) => distinctBreakpoints(at(parameters, 0)),
};

export const softshrink: CatalogEntry = {
	name: "softshrink",
	description:
		"Soft thresholding: shrinks x toward 0 by lambd and zeroes [-lambd, lambd].",
	parameters: [parameter("lambd", 0.5, 0, 3, 0.05)],
	formula: {
		value: String.raw`\begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ 0 & \text{otherwise} \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}`,
	},
	kinkConvention: "The gradient at x = -lambd and x = lambd is 0.",
	// PyTorch's softshrink_check fails with "lambda must be greater or equal to 0".
	rules: [{ parameter: "lambd", operator: ">=", bound: 0 }],
	evaluate: (x, parameters, value, gradient) => {
		const lambd = at(parameters, 0);
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi > lambd) {
				value[i] = xi - lambd;
				gradient[i] = 1;
			} else if (xi < -lambd) {
				value[i] = xi + lambd;
				gradient[i] = 1;
			} else {
				value[i] = 0;
				gradient[i] = 0;
			}
		}
	},
	breakpoints: (parameters) =>
		distinctBreakpoints(-at(parameters, 0), at(parameters, 0)),
};

export const hardshrink: CatalogEntry = {
	name: "hardshrink",
	description:
		"Hard thresholding: zeroes inputs in [-lambd, lambd] and passes the rest.",
	parameters: [parameter("lambd", 0.5, 0, 3, 0.05)],
	formula: {
		value: String.raw`\begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}`,
		gradient: String.raw`\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}`,
	},
	kinkConvention: "The gradient at x = -lambd and x = lambd is 0.",
	evaluate: (x, parameters, value, gradient) => {
		const lambd = at(parameters, 0);
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi > lambd || xi < -lambd) {
				value[i] = xi;
				gradient[i] = 1;
			} else {
				value[i] = 0;
				gradient[i] = 0;
			}
		}
	},
	breakpoints: (parameters) =>
		distinctBreakpoints(-at(parameters, 0), at(parameters, 0)),
};

export const hardsigmoid: CatalogEntry = {
	name: "hardsigmoid",
	description: "Piecewise linear sigmoid: relu6(x + 3) / 6.",
	parameters: [],
	formula: {
		value: String.raw`\frac{\min(\max(x + 3, 0), 6)}{6}`,
		gradient: String.raw`\begin{cases} \frac{1}{6} & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}`,
	},
	kinkConvention: "The gradient is 0 at both x = -3 and x = 3.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi <= -3) {
				value[i] = 0;
				gradient[i] = 0;
			} else if (xi >= 3) {
				value[i] = 1;
				gradient[i] = 0;
			} else {
				value[i] = xi / 6 + 0.5;
				gradient[i] = 1 / 6;
			}
		}
	},
	breakpoints: () => [-3, 3],
};

export const hardswish: CatalogEntry = {
	name: "hardswish",
	description:
		"Piecewise polynomial swish from MobileNetV3: x * relu6(x + 3) / 6.",
	parameters: [],
	formula: {
		value: String.raw`x \cdot \frac{\min(\max(x + 3, 0), 6)}{6}`,
		gradient: String.raw`\begin{cases} 0 & x \le -3 \\ \frac{2x + 3}{6} & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}`,
	},
	kinkConvention:
		"The gradient at x = -3 is 0 and at x = 3 is 1 (PyTorch 2.7 and later).",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			if (xi <= -3) {
				value[i] = 0;
				gradient[i] = 0;
			} else if (xi >= 3) {
				value[i] = xi;
				gradient[i] = 1;
			} else {
				value[i] = (xi * (xi + 3)) / 6;
				gradient[i] = xi / 3 + 0.5;
			}
		}
	},
	breakpoints: () => [-3, 3],
};

export const identity: CatalogEntry = {
	name: "identity",
	description: "The identity, f(x) = x, the activation of a linear layer.",
	parameters: [],
	formula: { value: "x", gradient: "1" },
	kinkConvention: "It has no kinks.",
	evaluate: (x, _parameters, value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			value[i] = x[i] as number;
			gradient[i] = 1;
		}
	},
	breakpoints: noBreakpoints,
};
