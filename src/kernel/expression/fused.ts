/**
 * Kernels that do the work of two or three expression nodes in one loop. Each one
 * performs the same floating-point operations in the same order as the nodes it
 * replaces, so its results are identical to theirs. Like the other kernels, v and
 * g may alias any operand: every loop reads its operands at i before writing.
 */

/** a α + b β with its derivative: a sum or difference whose operands may carry a constant factor. */
export function linearKernel(
	a: Float64Array,
	ga: Float64Array,
	alpha: number,
	b: Float64Array,
	gb: Float64Array,
	beta: number,
	v: Float64Array,
	g: Float64Array,
): void {
	for (let i = 0; i < a.length; i++) {
		const gai = ga[i] as number;
		const gbi = gb[i] as number;
		v[i] = (a[i] as number) * alpha + (b[i] as number) * beta;
		g[i] = gai * alpha + gbi * beta;
	}
}

/** (a + shift) scale, as in alpha (exp(x) - 1); its derivative is a' scale. */
export function shiftScaleKernel(
	a: Float64Array,
	ga: Float64Array,
	shift: number,
	scale: number,
	v: Float64Array,
	g: Float64Array,
): void {
	for (let i = 0; i < a.length; i++) {
		const gai = ga[i] as number;
		v[i] = ((a[i] as number) + shift) * scale;
		g[i] = gai * scale;
	}
}

/** a scale + shift; its derivative is a' scale. */
export function scaleShiftKernel(
	a: Float64Array,
	ga: Float64Array,
	scale: number,
	shift: number,
	v: Float64Array,
	g: Float64Array,
): void {
	for (let i = 0; i < a.length; i++) {
		const gai = ga[i] as number;
		v[i] = (a[i] as number) * scale + shift;
		g[i] = gai * scale;
	}
}

/**
 * acc + max(u, s) scale, as in max(0, x) + 0.1 * max(0, -x). The max follows the
 * max kernel against a constant: at a tie its value is s and its gradient half of
 * u's, and NaN gives NaN. Branch codes are those of max(u, s).
 */
export type AccumulateKernel = (
	acc: Float64Array,
	gacc: Float64Array,
	u: Float64Array,
	gu: Float64Array,
	s: number,
	scale: number,
	v: Float64Array,
	g: Float64Array,
	codes: Int8Array | null,
) => void;

/** Returns the branch code of a against b: 0 below, 1 equal, 2 above, -1 for NaN. */
function compareCode(a: number, b: number): number {
	if (a < b) {
		return 0;
	}
	if (a > b) {
		return 2;
	}
	return a === b ? 1 : -1;
}

export const accumulateMax: AccumulateKernel = (
	acc,
	gacc,
	u,
	gu,
	s,
	scale,
	v,
	g,
	codes,
) => {
	if (codes !== null) {
		for (let i = 0; i < u.length; i++) {
			codes[i] = compareCode(u[i] as number, s);
		}
	}
	for (let i = 0; i < u.length; i++) {
		const ui = u[i] as number;
		const acci = acc[i] as number;
		const gacci = gacc[i] as number;
		if (ui > s) {
			v[i] = acci + ui * scale;
			g[i] = gacci + (gu[i] as number) * scale;
		} else if (ui < s) {
			v[i] = acci + s * scale;
			g[i] = gacci + 0 * scale;
		} else if (ui === s) {
			v[i] = acci + s * scale;
			g[i] = gacci + 0.5 * (gu[i] as number) * scale;
		} else {
			v[i] = acci + NaN;
			g[i] = gacci + NaN;
		}
	}
};

/** acc + min(u, s) scale, the mirror of accumulateMax; its branch code is 2 where u is below s. */
export const accumulateMin: AccumulateKernel = (
	acc,
	gacc,
	u,
	gu,
	s,
	scale,
	v,
	g,
	codes,
) => {
	if (codes !== null) {
		for (let i = 0; i < u.length; i++) {
			codes[i] = compareCode(s, u[i] as number);
		}
	}
	for (let i = 0; i < u.length; i++) {
		const ui = u[i] as number;
		const acci = acc[i] as number;
		const gacci = gacc[i] as number;
		if (ui < s) {
			v[i] = acci + ui * scale;
			g[i] = gacci + (gu[i] as number) * scale;
		} else if (ui > s) {
			v[i] = acci + s * scale;
			g[i] = gacci + 0 * scale;
		} else if (ui === s) {
			v[i] = acci + s * scale;
			g[i] = gacci + 0.5 * (gu[i] as number) * scale;
		} else {
			v[i] = acci + NaN;
			g[i] = gacci + NaN;
		}
	}
};

/** One max or min against a constant, with its factor in a sum; all indices into `scalars`. */
export interface ExtremumTerm {
	readonly isMax: boolean;
	readonly bound: number;
	readonly scale: number;
}

/**
 * first(x) + second(x) in one pass, where each term is max(x, s) c or min(x, s) c:
 * max(0, x) + 0.1 min(0, x), the leaky ReLU, is the common case. Each term follows
 * the max and min kernels against a constant (at a tie, the value s and half the
 * gradient; NaN gives NaN). Both terms read the same u, usually x itself.
 */
export function extremumPairKernel(
	u: Float64Array,
	gu: Float64Array,
	scalars: Float64Array,
	first: ExtremumTerm,
	second: ExtremumTerm,
	v: Float64Array,
	g: Float64Array,
	firstCodes: Int8Array | null,
	secondCodes: Int8Array | null,
): void {
	const s1 = scalars[first.bound] as number;
	const c1 = scalars[first.scale] as number;
	const max1 = first.isMax;
	const s2 = scalars[second.bound] as number;
	const c2 = scalars[second.scale] as number;
	const max2 = second.isMax;
	writeExtremumCodes(u, max1, s1, firstCodes);
	writeExtremumCodes(u, max2, s2, secondCodes);
	for (let i = 0; i < u.length; i++) {
		const ui = u[i] as number;
		const gui = gu[i] as number;
		let v1 = NaN;
		let g1 = NaN;
		if (max1 ? ui > s1 : ui < s1) {
			v1 = ui;
			g1 = gui;
		} else if (max1 ? ui < s1 : ui > s1) {
			v1 = s1;
			g1 = 0;
		} else if (ui === s1) {
			v1 = s1;
			g1 = 0.5 * gui;
		}
		let v2 = NaN;
		let g2 = NaN;
		if (max2 ? ui > s2 : ui < s2) {
			v2 = ui;
			g2 = gui;
		} else if (max2 ? ui < s2 : ui > s2) {
			v2 = s2;
			g2 = 0;
		} else if (ui === s2) {
			v2 = s2;
			g2 = 0.5 * gui;
		}
		v[i] = v1 * c1 + v2 * c2;
		g[i] = g1 * c1 + g2 * c2;
	}
}

function writeExtremumCodes(
	u: Float64Array,
	isMax: boolean,
	bound: number,
	codes: Int8Array | null,
): void {
	if (codes === null) {
		return;
	}
	for (let i = 0; i < u.length; i++) {
		const ui = u[i] as number;
		codes[i] = isMax ? compareCode(ui, bound) : compareCode(bound, ui);
	}
}

/** a (b + shift), as in x / 2 * (1 + erf(x / sqrt(2))); its derivative is a' (b + shift) + a b'. */
export function productShiftKernel(
	a: Float64Array,
	ga: Float64Array,
	b: Float64Array,
	gb: Float64Array,
	shift: number,
	v: Float64Array,
	g: Float64Array,
): void {
	for (let i = 0; i < a.length; i++) {
		const ai = a[i] as number;
		const gai = ga[i] as number;
		const gbi = gb[i] as number;
		const shifted = (b[i] as number) + shift;
		v[i] = ai * shifted;
		g[i] = gai * shifted + ai * gbi;
	}
}
