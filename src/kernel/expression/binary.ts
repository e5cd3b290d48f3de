import type { BinaryOperator } from "./ir";

/**
 * Writes a[i] op b[i] into v[i] and its derivative into g[i] (forward mode: ga and gb
 * are the operands' derivatives). v and g may alias a, ga, b or gb: every loop reads
 * its operands at i before writing. Branching operators write branch codes when given.
 */
export type BinaryKernel = (
	a: Float64Array,
	ga: Float64Array,
	b: Float64Array,
	gb: Float64Array,
	v: Float64Array,
	g: Float64Array,
	codes: Int8Array | null,
) => void;

/** Like BinaryKernel with a right operand s that does not depend on x (its derivative is 0). */
export type ScalarRightKernel = (
	a: Float64Array,
	ga: Float64Array,
	s: number,
	v: Float64Array,
	g: Float64Array,
	codes: Int8Array | null,
) => void;

/** Like BinaryKernel with a left operand s that does not depend on x. */
export type ScalarLeftKernel = (
	s: number,
	b: Float64Array,
	gb: Float64Array,
	v: Float64Array,
	g: Float64Array,
) => void;

interface BinaryDefinition {
	readonly scalar: (a: number, b: number) => number;
	readonly vector: BinaryKernel;
	readonly scalarRight?: ScalarRightKernel;
	readonly scalarLeft?: ScalarLeftKernel;
}

/** Returns the branch code of the comparison of a and b: 0 for a < b, 1 for a = b, 2 for a > b. */
function compareCode(a: number, b: number): number {
	if (a < b) {
		return 0;
	}
	if (a > b) {
		return 2;
	}
	return a === b ? 1 : -1;
}

/** d(a^b) for a non-zero exponent derivative: b a^(b-1) a' + a^b log(a) b'. */
function powDerivative(
	a: number,
	ga: number,
	b: number,
	gb: number,
	power: number,
): number {
	const fromBase = ga === 0 || b === 0 ? 0 : b * Math.pow(a, b - 1) * ga;
	const fromExponent = gb === 0 ? 0 : power * Math.log(a) * gb;
	return fromBase + fromExponent;
}

/** Builds a comparison: value 1 or 0, gradient 0, branch code from the operands' order. */
function comparison(test: (a: number, b: number) => boolean): BinaryDefinition {
	return {
		scalar: (a, b) => (test(a, b) ? 1 : 0),
		scalarRight: (a, _ga, s, v, g, codes) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				v[i] = test(ai, s) ? 1 : 0;
				g[i] = 0;
				if (codes !== null) {
					codes[i] = compareCode(ai, s);
				}
			}
		},
		vector: (a, _ga, b, _gb, v, g, codes) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const bi = b[i] as number;
				v[i] = test(ai, bi) ? 1 : 0;
				g[i] = 0;
				if (codes !== null) {
					codes[i] = compareCode(ai, bi);
				}
			}
		},
	};
}

/** Builds a logical operator on truthiness: value 1 or 0, gradient 0. */
function logical(test: (a: boolean, b: boolean) => boolean): BinaryDefinition {
	return {
		scalar: (a, b) => (test(Boolean(a), Boolean(b)) ? 1 : 0),
		vector: (a, _ga, b, _gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				v[i] = test(Boolean(a[i]), Boolean(b[i])) ? 1 : 0;
				g[i] = 0;
			}
		},
	};
}

/**
 * max (sign 1) or min (sign -1) of two values with their derivatives. At a tie the
 * value is shared and the gradient is split evenly, as PyTorch does for torch.maximum
 * and torch.minimum; NaN in either operand gives NaN.
 */
function extremumKernel(sign: 1 | -1): BinaryKernel {
	return (a, ga, b, gb, v, g, codes) => {
		for (let i = 0; i < a.length; i++) {
			const ai = a[i] as number;
			const bi = b[i] as number;
			const gai = ga[i] as number;
			const gbi = gb[i] as number;
			const code = compareCode(sign * ai, sign * bi);
			if (code === 2) {
				v[i] = ai;
				g[i] = gai;
			} else if (code === 0) {
				v[i] = bi;
				g[i] = gbi;
			} else if (code === 1) {
				v[i] = ai;
				g[i] = 0.5 * (gai + gbi);
			} else {
				v[i] = NaN;
				g[i] = NaN;
			}
			if (codes !== null) {
				codes[i] = code;
			}
		}
	};
}

/**
 * max(a, s) against a value s that does not depend on x, such as max(0, x). At a tie
 * the value is s and the gradient half of a's. Branch codes are written in their own
 * loop, so the loop that runs for every chart has no test for them.
 */
const maxScalarRight: ScalarRightKernel = (a, ga, s, v, g, codes) => {
	if (codes !== null) {
		for (let i = 0; i < a.length; i++) {
			codes[i] = compareCode(a[i] as number, s);
		}
	}
	for (let i = 0; i < a.length; i++) {
		const ai = a[i] as number;
		if (ai > s) {
			v[i] = ai;
			g[i] = ga[i] as number;
		} else if (ai < s) {
			v[i] = s;
			g[i] = 0;
		} else if (ai === s) {
			v[i] = s;
			g[i] = 0.5 * (ga[i] as number);
		} else {
			v[i] = NaN;
			g[i] = NaN;
		}
	}
};

/** min(a, s), the mirror of maxScalarRight; its branch code is 2 where a is below s. */
const minScalarRight: ScalarRightKernel = (a, ga, s, v, g, codes) => {
	if (codes !== null) {
		for (let i = 0; i < a.length; i++) {
			codes[i] = compareCode(s, a[i] as number);
		}
	}
	for (let i = 0; i < a.length; i++) {
		const ai = a[i] as number;
		if (ai < s) {
			v[i] = ai;
			g[i] = ga[i] as number;
		} else if (ai > s) {
			v[i] = s;
			g[i] = 0;
		} else if (ai === s) {
			v[i] = s;
			g[i] = 0.5 * (ga[i] as number);
		} else {
			v[i] = NaN;
			g[i] = NaN;
		}
	}
};

export const BINARY: Readonly<Record<BinaryOperator, BinaryDefinition>> = {
	add: {
		scalar: (a, b) => a + b,
		vector: (a, ga, b, gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const gai = ga[i] as number;
				const gbi = gb[i] as number;
				v[i] = (a[i] as number) + (b[i] as number);
				g[i] = gai + gbi;
			}
		},
		scalarRight: (a, ga, s, v, g) => {
			for (let i = 0; i < a.length; i++) {
				v[i] = (a[i] as number) + s;
				g[i] = ga[i] as number;
			}
		},
	},
	subtract: {
		scalar: (a, b) => a - b,
		vector: (a, ga, b, gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const gai = ga[i] as number;
				const gbi = gb[i] as number;
				v[i] = (a[i] as number) - (b[i] as number);
				g[i] = gai - gbi;
			}
		},
		scalarRight: (a, ga, s, v, g) => {
			for (let i = 0; i < a.length; i++) {
				v[i] = (a[i] as number) - s;
				g[i] = ga[i] as number;
			}
		},
		scalarLeft: (s, b, gb, v, g) => {
			for (let i = 0; i < b.length; i++) {
				v[i] = s - (b[i] as number);
				g[i] = -(gb[i] as number);
			}
		},
	},
	multiply: {
		scalar: (a, b) => a * b,
		vector: (a, ga, b, gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const bi = b[i] as number;
				const gai = ga[i] as number;
				const gbi = gb[i] as number;
				v[i] = ai * bi;
				g[i] = gai * bi + ai * gbi;
			}
		},
		scalarRight: (a, ga, s, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const gai = ga[i] as number;
				v[i] = (a[i] as number) * s;
				g[i] = gai * s;
			}
		},
	},
	divide: {
		scalar: (a, b) => a / b,
		vector: (a, ga, b, gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const bi = b[i] as number;
				const gai = ga[i] as number;
				const gbi = gb[i] as number;
				const quotient = (a[i] as number) / bi;
				v[i] = quotient;
				g[i] = (gai - quotient * gbi) / bi;
			}
		},
		scalarRight: (a, ga, s, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const gai = ga[i] as number;
				v[i] = (a[i] as number) / s;
				g[i] = gai / s;
			}
		},
		scalarLeft: (s, b, gb, v, g) => {
			for (let i = 0; i < b.length; i++) {
				const bi = b[i] as number;
				const quotient = s / bi;
				v[i] = quotient;
				g[i] = (-quotient * (gb[i] as number)) / bi;
			}
		},
	},
	pow: {
		scalar: Math.pow,
		vector: (a, ga, b, gb, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const bi = b[i] as number;
				const gai = ga[i] as number;
				const gbi = gb[i] as number;
				const power = Math.pow(ai, bi);
				v[i] = power;
				g[i] = powDerivative(ai, gai, bi, gbi, power);
			}
		},
		scalarRight: (a, ga, s, v, g) => {
			for (let i = 0; i < a.length; i++) {
				const ai = a[i] as number;
				const gai = ga[i] as number;
				v[i] = Math.pow(ai, s);
				g[i] = s === 0 || gai === 0 ? 0 : s * Math.pow(ai, s - 1) * gai;
			}
		},
		scalarLeft: (s, b, gb, v, g) => {
			const logBase = Math.log(s);
			for (let i = 0; i < b.length; i++) {
				const gbi = gb[i] as number;
				const power = Math.pow(s, b[i] as number);
				v[i] = power;
				g[i] = gbi === 0 ? 0 : power * logBase * gbi;
			}
		},
	},
	max: {
		scalar: Math.max,
		vector: extremumKernel(1),
		scalarRight: maxScalarRight,
	},
	min: {
		scalar: Math.min,
		vector: extremumKernel(-1),
		scalarRight: minScalarRight,
	},
	smaller: comparison((a, b) => a < b),
	larger: comparison((a, b) => a > b),
	smallerEq: comparison((a, b) => a <= b),
	largerEq: comparison((a, b) => a >= b),
	equal: comparison((a, b) => a === b),
	unequal: comparison((a, b) => a !== b),
	and: logical((a, b) => a && b),
	or: logical((a, b) => a || b),
};
