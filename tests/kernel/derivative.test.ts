// Tests of the caption's symbolic gradient against the kernel's own automatic
// differentiation. Each derivative term is written back in the expression language and
// compiled by the kernel. Its values must equal the gradient that the kernel computes
// for the original expression, kinks included.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	compileActivation,
	type ParameterValues,
} from "../../src/kernel/index";
import {
	derivativeTerm,
	type Term,
} from "../../src/kernel/expression/derivative";
import { parseExpression } from "../../src/kernel/expression/parse";
import { wellFormedExpression } from "../fuzz/arbitraries";

/** Writes a term in the kernel's expression language, every operation in brackets. */
function termText(term: Term): string {
	switch (term.kind) {
		case "number":
			return `(${term.value})`;
		case "symbol":
			return term.name;
		case "sum":
			return `(${termText(term.left)} ${term.subtract ? "-" : "+"} ${termText(term.right)})`;
		case "product":
			return `(${termText(term.left)} * ${termText(term.right)})`;
		case "quotient":
			return `(${termText(term.numerator)} / ${termText(term.denominator)})`;
		case "power":
			return `(${termText(term.base)} ^ ${termText(term.exponent)})`;
		case "negate":
			return `(-${termText(term.argument)})`;
		case "tex":
			throw new Error(`${term.tex} has no form in the expression language`);
		case "call":
			if (term.prime) {
				throw new Error(`${term.name}' has no form in the expression language`);
			}
			return `${term.name}(${term.args.map(termText).join(", ")})`;
		case "compare":
			return `(${termText(term.left)} ${term.operator} ${termText(term.right)})`;
		case "logic": {
			const [first, second] = term.args.map(termText);
			return term.operator === "not"
				? `(not ${first})`
				: `(${first} ${term.operator} ${second})`;
		}
		case "cases":
			return term.pieces.reduceRight(
				(otherwise, piece) =>
					piece.when === null
						? termText(piece.value)
						: `(${termText(piece.when)} ? ${termText(piece.value)} : ${otherwise})`,
				"(0)",
			);
	}
}

/** Returns true when the term contains a part that termText cannot write: f'(u) or raw TeX. */
function hasPrime(term: Term): boolean {
	const text = JSON.stringify(term);
	return text.includes('"prime":true') || text.includes('"kind":"tex"');
}

/** A grid over [-3, 3] with the usual kinks (0, ±0.5, ±1) on it exactly. */
const GRID = Float64Array.from(
	[
		...Array.from({ length: 241 }, (_, i) => -3 + i * 0.025),
		-1,
		-0.5,
		0,
		0.5,
		1,
	].sort((a, b) => a - b),
);

function gradientOf(
	source: string,
	parameters: ParameterValues,
): { value: Float64Array; gradient: Float64Array } {
	const activation = compileActivation(source, Object.keys(parameters));
	const value = new Float64Array(GRID.length);
	const gradient = new Float64Array(GRID.length);
	activation.evaluate(GRID, parameters, value, gradient);
	return { value, gradient };
}

function close(actual: number, expected: number, tolerance: number): boolean {
	return (
		Math.abs(actual - expected) <=
		tolerance * Math.max(1, Math.abs(expected), Math.abs(actual))
	);
}

/**
 * Compares the symbolic derivative of `source` with the kernel's gradient at every grid
 * point where the gradient is finite; returns how many points were compared. Where the
 * formula is undefined (0 times infinity) the kernel may give 0 by PyTorch's convention;
 * `allowUndefined` accepts those points and leaves them out of the count.
 */
function compareWithKernel(
	source: string,
	parameters: ParameterValues = {},
	tolerance = 1e-9,
	allowUndefined = false,
): number {
	const term = derivativeTerm(parseExpression(source));
	assert.ok(term !== null, `${source} has no symbolic derivative`);
	const text = termText(term);
	const kernel = gradientOf(source, parameters).gradient;
	const symbolic = gradientOf(text, parameters).value;
	let compared = 0;
	GRID.forEach((x, i) => {
		const expected = kernel[i] as number;
		if (!Number.isFinite(expected)) {
			return;
		}
		const actual = symbolic[i] as number;
		if (allowUndefined && !Number.isFinite(actual)) {
			return;
		}
		assert.ok(
			close(actual, expected, tolerance),
			`d/dx ${source} at x = ${x}: the formula ${text} gives ${actual}, the kernel ${expected}`,
		);
		compared += 1;
	});
	return compared;
}

describe("symbolic gradient of expressions", () => {
	const everywhere: [string, ParameterValues?][] = [
		["3x^2 - 2x + 1"],
		["x / (1 + exp(-x))"],
		["x * sigmoid(1.5 * x)"],
		["x / 2 * (1 + erf(x / sqrt(2)))"],
		["x * tanh(log(1 + exp(x)))"],
		["max(0, x) + 0.1 * min(0, x)"],
		["x > 0 ? x : a * (exp(x) - 1)", { a: 1.3 }],
		["k * x", { k: -2.5 }],
		["abs(x)"],
		["sign(x) * x^2"],
		["x / (1 + abs(x))"],
		["relu(x) - 0.1 * relu(-x)"],
		["identity(2 * x)"],
		["(x > 0) * x"],
		["(not (x > 0)) * x^2"],
		["(x >= -1 and x <= 1) * x + (x < -1 or x > 1) * 2"],
		["0 < x < 1 ? x^2 : 0"],
		["max(x, 0, 0.5 - x)"],
		["min(x, x)"],
		["pow(x, 3) - 2^x"],
		["e^x + pi * x"],
		["sin(x) * cos(x) + tan(x / 4)"],
		["sinh(x) - cosh(x) + tanh(2 * x)"],
		["erfc(x) * expm1(x) + log1p(x^2)"],
		["-(-x)"],
		["+x - x * 0 + 1 * x"],
	];
	for (const [source, parameters] of everywhere) {
		it(`matches the kernel for ${source}`, () => {
			const compared = compareWithKernel(source, parameters);
			assert.ok(compared > GRID.length / 2, `compared only ${compared} points`);
		});
	}

	it("matches where only x > 0 is defined", () => {
		for (const source of [
			"log(x) * x",
			"sqrt(x) + x^x",
			"1 / x",
			"cbrt(x) + x^(1/3)",
		]) {
			const compared = compareWithKernel(source);
			assert.ok(compared >= 100, `${source}: compared only ${compared} points`);
		}
	});

	it("keeps tie conventions at 0", () => {
		const at = (source: string): number => {
			const term = derivativeTerm(parseExpression(source));
			assert.ok(term !== null);
			const zero = GRID.indexOf(0);
			return gradientOf(termText(term), {}).value[zero] as number;
		};
		assert.equal(at("max(0, x)"), 0.5);
		assert.equal(at("min(0, x)"), 0.5);
		assert.equal(at("relu(x)"), 0);
		assert.equal(at("abs(x)"), 0);
	});

	it("writes catalog calls as f'(u)", () => {
		const gradient = compileActivation("gelu(2 * x)").formula.gradient;
		assert.equal(
			gradient,
			String.raw`2\cdot \operatorname{gelu}'\left(2\cdot x\right)`,
		);
	});

	it("uses the catalog's formula at x", () => {
		const gelu = compileActivation("gelu(x) + x").formula.gradient ?? "";
		const own = compileActivation("gelu").formula.gradient ?? "";
		assert.ok(gelu.startsWith(own), gelu);
		assert.ok(gelu.endsWith("+1"), gelu);
		const product = compileActivation("x * hardswish(x)").formula.gradient;
		assert.match(product ?? "", /x\\cdot \\left\(\\begin\{cases\}/);
		// mish's formula defines sp after \quad, so it cannot be a factor.
		assert.match(
			compileActivation("x * mish(x)").formula.gradient ?? "",
			/\\operatorname\{mish\}'\\left\(x\\right\)/,
		);
	});

	it("leaves parameterised catalog calls out", () => {
		assert.equal(compileActivation("softplus(x, 2)").formula.gradient, null);
		assert.equal(compileActivation("x * elu(x, 0.5)").formula.gradient, null);
	});

	it("leaves overlong formulas out", () => {
		const long = Array.from({ length: 40 }, (_, i) => `sin(${i + 1} * x)`).join(
			" * ",
		);
		assert.equal(compileActivation(long).formula.gradient, null);
	});

	it("gives up on growing max chains", () => {
		const pieces = Array.from({ length: 20 }, (_, i) => `${i} * x - ${i * i}`);
		let nested = "0";
		for (let level = 0; level < 22; level++) {
			nested = `max(x, ${nested})`;
		}
		for (const source of [`max(${pieces.join(", ")})`, nested]) {
			const start = performance.now();
			const gradient = compileActivation(source).formula.gradient;
			const elapsed = performance.now() - start;
			assert.equal(gradient, null, source);
			// A safety bound only: each max level used to triple the work.
			assert.ok(elapsed < 2000, `${source} took ${elapsed} ms`);
		}
	});

	it("writes common forms readably", () => {
		const tex = (source: string, declared: string[] = []) =>
			compileActivation(source, declared).formula.gradient;
		assert.equal(tex("x^2 - 3*x"), String.raw`2\cdot x-3`);
		assert.equal(tex("1/x"), String.raw`-\frac{1}{{x}^{2}}`);
		assert.equal(tex("beta * x", ["beta"]), String.raw`\beta`);
		assert.equal(
			tex("max(0, x)"),
			String.raw`\begin{cases} 0, &\quad \text{if }\; x<0\\ 1, &\quad \text{if }\; x>0\\ \frac{1}{2}, &\quad \text{otherwise} \end{cases}`,
		);
		assert.equal(
			tex("x * sigmoid(x)"),
			String.raw`\operatorname{sigmoid}\left(x\right)+x\cdot \operatorname{sigmoid}\left(x\right)\cdot \left(1-\operatorname{sigmoid}\left(x\right)\right)`,
		);
	});

	it("writes parameters as the value does", () => {
		for (const name of [
			"beta",
			"Gamma",
			"varepsilon",
			"Alpha",
			"alpha_1",
			"slope",
		]) {
			const formula = compileActivation(`${name} * x`, [name]).formula;
			const symbol = formula.value.split(String.raw`\cdot`)[0]?.trim();
			assert.equal(formula.gradient, symbol, name);
		}
	});

	it("writes only a definition's body", () => {
		const formula = compileActivation("gate(x) = x^2").formula;
		assert.equal(formula.value, "{ x}^{2}");
		assert.equal(formula.gradient, String.raw`2\cdot x`);
	});

	it("matches the kernel for random expressions", () => {
		let checked = 0;
		fc.assert(
			fc.property(wellFormedExpression, (source) => {
				const parameters = { a: 0.7, b: -1.2, k: 2 };
				let term: Term | null;
				try {
					compileActivation(source, Object.keys(parameters));
					term = derivativeTerm(parseExpression(source));
				} catch {
					return; // not an expression the kernel accepts
				}
				if (term === null || hasPrime(term)) {
					return;
				}
				compareWithKernel(source, parameters, 1e-6, true);
				checked += 1;
			}),
			{ numRuns: 400, seed: 20261204 },
		);
		assert.ok(
			checked >= 100,
			`only ${checked} random expressions were checked`,
		);
	});
});
