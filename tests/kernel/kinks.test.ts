import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	CATALOG,
	compileActivation,
	KINK_TOLERANCE,
	linspace,
	sampleActivation,
	type Kink,
	type ParameterValues,
} from "../../src/kernel/index";

function kinksOf(
	source: string,
	domain: [number, number] = [-8, 8],
	samples = 401,
	parameters: ParameterValues = {},
): Kink[] {
	const activation = compileActivation(source, Object.keys(parameters));
	return sampleActivation(activation, parameters, domain, samples).kinks;
}

function assertNear(
	actual: number,
	expected: number,
	tolerance: number,
	description: string,
): void {
	assert.ok(
		Math.abs(actual - expected) <= tolerance,
		`${description}: got ${actual}, expected ${expected} within ${tolerance}`,
	);
}

describe("catalog kinks", () => {
	it("relu on default domain", () => {
		assert.deepEqual(kinksOf("relu"), [
			{
				x: 0,
				value: 0,
				valueLeft: 0,
				valueRight: 0,
				gradient: 0,
				gradientLeft: 0,
				gradientRight: 1,
			},
		]);
	});

	it("relu kink between grid points", () => {
		const kinks = kinksOf("relu", [-1, 1], 4);
		assert.equal(kinks.length, 1);
		assert.equal(kinks[0]?.x, 0);
		assert.equal(kinks[0]?.gradientRight, 1);
	});

	it("hardswish kinks and conventions", () => {
		const kinks = kinksOf("hardswish");
		assert.deepEqual(
			kinks.map((kink) => [kink.x, kink.gradient, kink.value]),
			[
				[-3, 0, 0],
				[3, 1, 3],
			],
		);
		const [left, right] = kinks as [Kink, Kink];
		assert.equal(left.gradientLeft, 0);
		assertNear(left.gradientRight, -0.5, 1e-15, "gradient right of -3");
		assertNear(right.gradientLeft, 1.5, 1e-15, "gradient left of 3");
		assert.equal(right.gradientRight, 1);
		assertNear(right.valueLeft, 3, 1e-15, "value left of 3");
	});

	it("threshold jump has both values", () => {
		const kinks = kinksOf("threshold", [-8, 8], 401, {
			threshold: 1,
			value: -2,
		});
		assert.equal(kinks.length, 1);
		const kink = kinks[0] as Kink;
		assert.equal(kink.x, 1);
		assert.equal(kink.value, -2);
		assert.equal(kink.valueLeft, -2);
		assert.ok(Math.abs(kink.valueRight - 1) < 1e-15);
		assert.equal(kink.gradient, 0);
	});

	it("only kinks inside domain", () => {
		assert.deepEqual(
			kinksOf("relu6", [1, 8]).map((kink) => kink.x),
			[6],
		);
		assert.deepEqual(
			kinksOf("relu6", [-8, 6]).map((kink) => kink.x),
			[0, 6],
		);
		assert.deepEqual(kinksOf("relu6", [6.5, 8]), []);
	});

	it("smooth entries have none", () => {
		for (const entry of CATALOG) {
			const parameters = entry.parameters.map((parameter) => parameter.default);
			if (entry.breakpoints(parameters).length === 0) {
				assert.deepEqual(kinksOf(entry.name), [], entry.name);
			}
		}
	});

	it("every catalog kink follows evaluate", () => {
		for (const entry of CATALOG) {
			const activation = compileActivation(entry.name);
			for (const kink of kinksOf(entry.name, [-25, 25], 101)) {
				const x = Float64Array.of(kink.x);
				const value = new Float64Array(1);
				const gradient = new Float64Array(1);
				activation.evaluate(x, {}, value, gradient);
				assert.equal(kink.value, value[0], `${entry.name} value at ${kink.x}`);
				assert.equal(
					kink.gradient,
					gradient[0],
					`${entry.name} gradient at ${kink.x}`,
				);
			}
		}
	});
});

describe("expression kinks", () => {
	it("max kink on grid point", () => {
		assert.deepEqual(kinksOf("max(0, x)"), [
			{
				x: 0,
				value: 0,
				valueLeft: 0,
				valueRight: 0,
				gradient: 0.5,
				gradientLeft: 0,
				gradientRight: 1,
			},
		]);
	});

	it("bisection finds irrational kink", () => {
		const domain: [number, number] = [-3, 3];
		const kinks = kinksOf("abs(x - sqrt(2))", domain, 50);
		assert.equal(kinks.length, 1);
		const kink = kinks[0] as Kink;
		const tolerance = KINK_TOLERANCE * (domain[1] - domain[0]);
		assertNear(kink.x, Math.SQRT2, tolerance, "x");
		assertNear(kink.valueLeft, 0, 2 * tolerance, "valueLeft");
		assertNear(kink.valueRight, 0, 2 * tolerance, "valueRight");
		assert.equal(kink.gradientLeft, -1);
		assert.equal(kink.gradientRight, 1);
	});

	it("bisection snaps to simple numbers", () => {
		const kinks = kinksOf("x > 0.3 ? 2 * x : x", [-1, 1], 10);
		assert.equal(kinks.length, 1);
		const kink = kinks[0] as Kink;
		assert.equal(kink.x, 0.3);
		assert.equal(kink.value, 0.3);
		assert.equal(kink.valueLeft, 0.3);
		assertNear(kink.valueRight, 0.6, 1e-15, "valueRight");
		assert.equal(kink.gradient, 1);
		assert.equal(kink.gradientLeft, 1);
		assert.equal(kink.gradientRight, 2);
	});

	it("jump of sign function", () => {
		const kinks = kinksOf("sign(sin(3x))", [-2, 2], 101);
		assert.deepEqual(
			kinks.map((kink) => Math.round((kink.x * 3) / Math.PI)),
			[-1, 0, 1],
		);
		const first = kinks[0] as Kink;
		assertNear(first.x, -Math.PI / 3, 4e-12, "first x");
		assert.equal(first.valueLeft, 1);
		assert.equal(first.valueRight, -1);
	});

	it("catalog call inside expression", () => {
		const kinks = kinksOf("relu(x - 1) + hardtanh(x)", [-4, 4], 33);
		assert.deepEqual(
			kinks.map((kink) => [kink.x, kink.gradientLeft, kink.gradientRight]),
			[
				[-1, 0, 1],
				[1, 1, 1],
			].map(([x, left, right]) => [x, left, right]),
		);
	});

	it("expression parameters move kinks", () => {
		const kinks = kinksOf("x > a ? x : 0", [-8, 8], 64, { a: 2.5 });
		assert.deepEqual(
			kinks.map((kink) => kink.x),
			[2.5],
		);
	});

	it("prelu twin gradients at kink", () => {
		const expression = kinksOf("max(0, x) + alpha * min(0, x)", [-8, 8], 401, {
			alpha: 0.25,
		});
		const catalog = kinksOf("prelu", [-8, 8], 401, { alpha: 0.25 });
		assert.equal(expression[0]?.gradient, 0.625);
		assert.equal(catalog[0]?.gradient, 0.25);
		assert.equal(expression[0]?.gradientLeft, catalog[0]?.gradientLeft);
		assert.equal(expression[0]?.gradientRight, catalog[0]?.gradientRight);
	});

	it("smooth switches are dropped", () => {
		assert.deepEqual(kinksOf("abs(x)^2"), []);
		assert.deepEqual(kinksOf("x > 0 ? x : x"), []);
	});

	it("removable point is kept", () => {
		const kinks = kinksOf("x == 0 ? 1 : x");
		assert.equal(kinks.length, 1);
		assert.equal(kinks[0]?.value, 1);
		assert.equal(kinks[0]?.valueLeft, kinks[0]?.valueRight);
	});

	it("smooth expression has none", () => {
		assert.deepEqual(kinksOf("x * sigmoid(x) + sin(x)"), []);
	});

	it("many kinks are all found", () => {
		const x = linspace(-10, 10, 2001);
		const activation = compileActivation("abs(sin(5x))");
		const kinks = activation.kinks(x, {});
		assert.equal(kinks.length, 31);
		for (const kink of kinks) {
			const k = Math.round((5 * kink.x) / Math.PI);
			assertNear(kink.x, (k * Math.PI) / 5, 2e-11, `kink ${k}`);
		}
	});
});

describe("unbounded one-sided limits", () => {
	it("log beside kink at zero", () => {
		const [kink] = kinksOf("x > 0 ? log(x) : 0", [-1, 1], 5);
		assert.equal(kink?.x, 0);
		assert.equal(kink?.valueLeft, 0);
		assert.equal(kink?.valueRight, -Infinity);
		assert.equal(kink?.gradientLeft, 0);
		assert.equal(kink?.gradientRight, Infinity);
	});

	it("log beside kink between grid points", () => {
		const [kink] = kinksOf("x > 0.3 ? log(x - 0.3) : 0", [-1, 1], 4);
		assertNear(kink?.x ?? NaN, 0.3, 1e-11, "kink x");
		assert.equal(kink?.valueLeft, 0);
		assert.equal(kink?.valueRight, -Infinity);
		assert.equal(kink?.gradientRight, Infinity);
	});

	it("pole beside kink is unbounded", () => {
		const [kink] = kinksOf("x < 1 ? 1 / (1 - x) : 0", [0, 2], 5);
		assert.equal(kink?.x, 1);
		assert.equal(kink?.valueLeft, Infinity);
		assert.equal(kink?.valueRight, 0);
	});

	it("sqrt beside kink stays bounded", () => {
		const [kink] = kinksOf("x > 0 ? sqrt(x) : -1", [-1, 1], 5);
		assert.equal(kink?.valueLeft, -1);
		assertNear(kink?.valueRight ?? NaN, 0, 1e-100, "value right");
		assert.equal(kink?.gradientRight, Infinity);
	});

	it("slow power stays bounded", () => {
		const [kink] = kinksOf("x > 0 ? 2 + x^0.01 : 0", [-1, 1], 5);
		assert.ok(Number.isFinite(kink?.valueRight));
		assertNear(kink?.valueRight ?? NaN, 2, 0.01, "value right");
	});

	it("log plus sqrt is unbounded", () => {
		const [kink] = kinksOf("x > 1 ? log(x - 1) + sqrt(x - 1) : 0", [0, 2], 5);
		assert.equal(kink?.x, 1);
		assert.equal(kink?.valueRight, -Infinity);
	});
});
