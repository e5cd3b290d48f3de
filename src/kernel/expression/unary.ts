import { erf, erfc, erfKernel, tanhDerivative } from "../special";
import { signCode, type UnaryOperator } from "./ir";

/**
 * Writes f(a[i]) into v[i] and f'(a[i]) * ga[i] into g[i] (forward-mode chain rule).
 * v and g may be a and ga themselves: every loop reads a[i] and ga[i] before writing.
 * Branching operators also write their branch code into `codes` when it is given.
 */
export type UnaryKernel = (
	a: Float64Array,
	ga: Float64Array,
	v: Float64Array,
	g: Float64Array,
	codes: Int8Array | null,
) => void;

interface UnaryDefinition {
	/** The value alone, for subexpressions that do not depend on x. */
	readonly scalar: (a: number) => number;
	readonly vector: UnaryKernel;
}

/** Builds the kernel of a smooth function from its value and derivative. */
function smooth(
	value: (a: number) => number,
	derivative: (a: number, fa: number) => number,
): UnaryDefinition {
	return {
		scalar: value,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = value(ai);
				v[i] = fa;
				g[i] = derivative(ai, fa) * gi;
			}
		},
	};
}

const truthiness = (a: number): number => (a ? 1 : 0);

export const UNARY: Readonly<Record<UnaryOperator, UnaryDefinition>> = {
	negate: {
		scalar: (a) => -a,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				v[i] = -(a[i] as number);
				g[i] = -(ga[i] as number);
			}
		},
	},
	exp: {
		scalar: Math.exp,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const gi = ga[i] as number;
				const e = Math.exp(a[i] as number);
				v[i] = e;
				g[i] = e * gi;
			}
		},
	},
	log: {
		scalar: Math.log,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.log(ai);
				v[i] = fa;
				g[i] = gi / ai;
			}
		},
	},
	log1p: {
		scalar: Math.log1p,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.log1p(ai);
				v[i] = fa;
				g[i] = gi / (1 + ai);
			}
		},
	},
	expm1: {
		scalar: Math.expm1,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.expm1(ai);
				v[i] = fa;
				g[i] = Math.exp(ai) * gi;
			}
		},
	},
	sqrt: {
		scalar: Math.sqrt,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.sqrt(ai);
				v[i] = fa;
				g[i] = (0.5 / fa) * gi;
			}
		},
	},
	cbrt: smooth(Math.cbrt, (_a, root) => 1 / (3 * root * root)),
	sin: {
		scalar: Math.sin,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.sin(ai);
				v[i] = fa;
				g[i] = Math.cos(ai) * gi;
			}
		},
	},
	cos: {
		scalar: Math.cos,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.cos(ai);
				v[i] = fa;
				g[i] = -Math.sin(ai) * gi;
			}
		},
	},
	tan: smooth(Math.tan, (a) => {
		const c = Math.cos(a);
		return 1 / (c * c);
	}),
	sinh: smooth(Math.sinh, Math.cosh),
	cosh: smooth(Math.cosh, Math.sinh),
	tanh: {
		scalar: Math.tanh,
		vector: (a, ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				const fa = Math.tanh(ai);
				v[i] = fa;
				g[i] = tanhDerivative(ai) * gi;
			}
		},
	},
	erf: {
		scalar: erf,
		vector: (a, ga, v, g) => erfKernel(a, ga, v, g, false),
	},
	erfc: {
		scalar: erfc,
		vector: (a, ga, v, g) => erfKernel(a, ga, v, g, true),
	},
	abs: {
		scalar: Math.abs,
		// abs'(0) = 0, as in PyTorch.
		vector: (a, ga, v, g, codes) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gi = ga[i] as number;
				v[i] = Math.abs(ai);
				if (ai > 0) {
					g[i] = gi;
				} else if (ai < 0) {
					g[i] = -gi;
				} else {
					g[i] = ai === 0 ? 0 : NaN;
				}
				if (codes !== null) {
					codes[i] = signCode(ai);
				}
			}
		},
	},
	sign: {
		scalar: Math.sign,
		vector: (a, _ga, v, g, codes) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				v[i] = Math.sign(ai);
				g[i] = 0;
				if (codes !== null) {
					codes[i] = signCode(ai);
				}
			}
		},
	},
	not: {
		scalar: (a) => 1 - truthiness(a),
		vector: (a, _ga, v, g) => {
			for (let i = 0; i < a.length; i++) {
				v[i] = a[i] ? 0 : 1;
				g[i] = 0;
			}
		},
	},
	truth: {
		scalar: truthiness,
		vector: (a, _ga, v, g, codes) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				v[i] = ai ? 1 : 0;
				g[i] = 0;
				if (codes !== null) {
					codes[i] = signCode(ai);
				}
			}
		},
	},
};
