import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	compileActivation,
	type ParameterValues,
} from "../../src/kernel/index";

/** Value and gradient of a source at single points. */
function run(
	source: string,
	xs: number[],
	parameters: ParameterValues = {},
	declared?: string[],
) {
	const activation = compileActivation(
		source,
		declared ?? Object.keys(parameters),
	);
	const x = Float64Array.from(xs);
	const value = new Float64Array(x.length);
	const gradient = new Float64Array(x.length);
	activation.evaluate(x, parameters, value, gradient);
	return { value: [...value], gradient: [...gradient] };
}

describe("expression arithmetic", () => {
	it("polynomial value and gradient", () => {
		assert.deepEqual(run("3x^2 - 2x + 1", [-1, 0, 2]), {
			value: [6, 1, 9],
			gradient: [-8, -2, 10],
		});
	});

	it("quotient rule", () => {
		const { value, gradient } = run("x / (1 + x^2)", [2]);
		assert.equal(value[0], 0.4);
		assert.ok(Math.abs((gradient[0] as number) - -3 / 25) < 1e-16);
	});

	it("power with varying exponent", () => {
		const { value, gradient } = run("x^x", [2]);
		assert.equal(value[0], 4);
		assert.ok(
			Math.abs((gradient[0] as number) - 4 * (Math.log(2) + 1)) < 1e-14,
		);
		const base = run("2^x", [3]);
		assert.deepEqual(base.value, [8]);
		assert.ok(Math.abs((base.gradient[0] as number) - 8 * Math.LN2) < 1e-14);
	});

	it("pow function and constants", () => {
		assert.deepEqual(run("pow(x, 3)", [2]), { value: [8], gradient: [12] });
		const { value, gradient } = run("pi * x + e", [1]);
		assert.equal(value[0], Math.PI + Math.E);
		assert.equal(gradient[0], Math.PI);
	});

	it("x squared gradient at zero", () => {
		assert.deepEqual(run("x^2", [0]).gradient, [0]);
	});

	it("unary minus and plus", () => {
		assert.deepEqual(run("-x + +x - -x", [5]), { value: [5], gradient: [1] });
	});

	it("constant expression has zero gradient", () => {
		assert.deepEqual(run("2 * pi", [-1, 1]), {
			value: [2 * Math.PI, 2 * Math.PI],
			gradient: [0, 0],
		});
	});
});

describe("expression elementary functions", () => {
	const cases: [string, (x: number) => number, (x: number) => number][] = [
		["exp(x)", Math.exp, Math.exp],
		["log(x)", Math.log, (x) => 1 / x],
		["log1p(x)", Math.log1p, (x) => 1 / (1 + x)],
		["expm1(x)", Math.expm1, Math.exp],
		["sqrt(x)", Math.sqrt, (x) => 0.5 / Math.sqrt(x)],
		["cbrt(x)", Math.cbrt, (x) => 1 / (3 * Math.cbrt(x) ** 2)],
		["sin(x)", Math.sin, Math.cos],
		["cos(x)", Math.cos, (x) => -Math.sin(x)],
		["tan(x)", Math.tan, (x) => 1 / Math.cos(x) ** 2],
		["sinh(x)", Math.sinh, Math.cosh],
		["cosh(x)", Math.cosh, Math.sinh],
		["tanh(x)", Math.tanh, (x) => 1 / Math.cosh(x) ** 2],
		[
			"erf(x)",
			(x) => 1 - erfcReference(x),
			(x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
		],
	];
	for (const [source, f, df] of cases) {
		it(`${source} value and gradient`, () => {
			const xs = [0.3, 0.9, 1.7];
			const { value, gradient } = run(source, xs);
			xs.forEach((x, i) => {
				assert.ok(
					Math.abs((value[i] as number) - f(x)) <=
						1e-14 * Math.abs(f(x)) + 1e-15,
				);
				assert.ok(
					Math.abs((gradient[i] as number) - df(x)) <= 1e-13 * Math.abs(df(x)),
				);
			});
		});
	}

	it("erfc is one minus erf", () => {
		const { value, gradient } = run("erfc(x) + erf(x)", [-2, 0.1, 3]);
		value.forEach((v) => assert.ok(Math.abs(v - 1) < 1e-15));
		gradient.forEach((g) => assert.ok(Math.abs(g) < 1e-15));
	});

	it("chain rule through nesting", () => {
		const { gradient } = run("sin(exp(2x))", [0.25]);
		const expected = Math.cos(Math.exp(0.5)) * Math.exp(0.5) * 2;
		assert.ok(Math.abs((gradient[0] as number) - expected) < 1e-14);
	});
});

/** erfc from its continued fraction would be overkill here: for x < 2, a series suffices. */
function erfcReference(x: number): number {
	let sum = 0;
	let term = x;
	for (let n = 0; n < 60; n++) {
		sum += term / (2 * n + 1);
		term *= (-x * x) / (n + 1);
	}
	return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}

describe("expression kink conventions", () => {
	it("abs gradient at zero", () => {
		assert.deepEqual(run("abs(x)", [-1, 0, 1]).gradient, [-1, 0, 1]);
	});

	it("max tie splits gradient", () => {
		assert.deepEqual(run("max(0, x)", [0]).gradient, [0.5]);
		assert.deepEqual(run("min(x, 2x)", [0]).gradient, [1.5]);
		assert.deepEqual(run("max(x, 0, -x)", [-1, 2]), {
			value: [1, 2],
			gradient: [-1, 1],
		});
	});

	it("prelu expression differs at zero", () => {
		const source = "max(0, x) + alpha * min(0, x)";
		assert.deepEqual(run(source, [0], { alpha: 0.25 }).gradient, [
			(1 + 0.25) / 2,
		]);
		assert.deepEqual(
			run("prelu(x, alpha)", [0], { alpha: 0.25 }).gradient,
			[0.25],
		);
	});

	it("sign gradient is zero", () => {
		assert.deepEqual(run("sign(x)", [-2, 0, 2]), {
			value: [-1, 0, 1],
			gradient: [0, 0, 0],
		});
	});

	it("conditional takes its branch", () => {
		assert.deepEqual(run("x > 0 ? x : 0.1 * x", [-1, 0, 1]), {
			value: [-0.1, 0, 1],
			gradient: [0.1, 0.1, 1],
		});
		assert.deepEqual(run("x >= 0 ? x^2 : -x", [0]).gradient, [0]);
	});

	it("comparisons give zero gradient", () => {
		assert.deepEqual(run("(x > 1) * x", [0, 2]), {
			value: [0, 2],
			gradient: [0, 1],
		});
		assert.deepEqual(run("x == 1", [1, 2]), {
			value: [1, 0],
			gradient: [0, 0],
		});
		assert.deepEqual(run("x != 1", [1, 2]).value, [0, 1]);
		assert.deepEqual(run("x <= 1", [1, 2]).value, [1, 0]);
		assert.deepEqual(run("x < 1", [1, 0]).value, [0, 1]);
	});

	it("logical operators", () => {
		assert.deepEqual(run("x > 0 and x < 2", [-1, 1, 3]).value, [0, 1, 0]);
		assert.deepEqual(run("x < 0 or x > 2", [-1, 1, 3]).value, [1, 0, 1]);
		assert.deepEqual(run("not (x > 0)", [-1, 1]).value, [1, 0]);
		assert.deepEqual(run("0 < x <= 1", [0, 0.5, 1, 2]).value, [0, 1, 1, 0]);
		assert.deepEqual(run("x ? 1 : 2", [0, 3]).value, [2, 1]);
	});

	it("conditional on parameter only", () => {
		assert.deepEqual(run("a > 0 ? x : -x", [2], { a: 1 }), {
			value: [2],
			gradient: [1],
		});
		assert.deepEqual(run("a > 0 ? x : -x", [2], { a: -1 }), {
			value: [-2],
			gradient: [-1],
		});
	});
});

describe("expression catalog calls", () => {
	it("positional catalog parameters", () => {
		const call = run("leaky_relu(x, 0.2)", [-1, 0]);
		assert.deepEqual(call, { value: [-0.2, 0], gradient: [0.2, 0.2] });
		const scaled = run("softplus(2 * x, 2)", [0.5]);
		const catalog = run("softplus", [1], { beta: 2 }, []);
		assert.equal(scaled.value[0], catalog.value[0]);
		assert.equal(scaled.gradient[0], 2 * (catalog.gradient[0] as number));
	});

	it("missing parameters take defaults", () => {
		assert.deepEqual(run("elu(x)", [-1]), run("elu", [-1], {}, []));
		assert.deepEqual(run("softplus(x, 1)", [25]).value, [25]);
	});

	it("parameter-only argument is constant", () => {
		assert.deepEqual(run("relu(a) * x", [3], { a: 2 }), {
			value: [6],
			gradient: [2],
		});
	});
});

describe("expression definitions and parameters", () => {
	it("definition label and body", () => {
		const activation = compileActivation("my_act(x) = x^2");
		assert.equal(activation.label, "my_act");
		assert.equal(activation.kind, "expression");
		assert.equal(activation.source, "my_act(x) = x^2");
	});

	it("expression label is source", () => {
		assert.equal(compileActivation(" x^2 ").label, "x^2");
	});

	it("lists used parameters only", () => {
		const activation = compileActivation("a * x + c", ["a", "b", "c"]);
		assert.deepEqual(
			activation.parameters.map((parameter) => parameter.name),
			["a", "c"],
		);
		assert.equal(activation.parameters[0]?.default, 1);
	});

	it("undeclared values default to one", () => {
		assert.deepEqual(run("a * x", [2], {}, ["a"]).value, [2]);
	});

	it("parameters change the result", () => {
		assert.deepEqual(run("a * x", [2], { a: 3 }).value, [6]);
	});

	it("catalog activation exposes entry", () => {
		const activation = compileActivation("swish");
		assert.equal(activation.kind, "catalog");
		assert.deepEqual(
			activation.parameters.map((parameter) => parameter.name),
			["beta"],
		);
		assert.ok(activation.formula.gradient !== null);
	});

	it("formula is LaTeX of source", () => {
		const formula = compileActivation("leaky_relu(x, 0.2) + sqrt(x)").formula;
		assert.equal(formula.gradient, null);
		assert.match(formula.value, /\\operatorname\{leaky\\_relu\}/);
		assert.match(formula.value, /\\sqrt\{ x\}/);
	});

	it("evaluates grids of any length", () => {
		const activation = compileActivation("x * sigmoid(x) + max(x, 0)");
		for (const n of [1, 2, 3, 1000, 3]) {
			const x = Float64Array.from({ length: n }, (_, i) => i - n / 2);
			const value = new Float64Array(n);
			const gradient = new Float64Array(n);
			activation.evaluate(x, {}, value, gradient);
			x.forEach((xi, i) => {
				const expected = xi / (1 + Math.exp(-xi)) + Math.max(xi, 0);
				assert.ok(
					Math.abs((value[i] as number) - expected) <=
						1e-13 * (1 + Math.abs(expected)),
				);
			});
		}
	});
});
