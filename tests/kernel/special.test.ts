import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { compileActivation, erf, erfc } from "../../src/kernel/index";

/**
 * Reference values from mpmath at 50 digits, written by
 * tests/kernel/fixtures/generate-tail-reference.py.
 */
const tails = JSON.parse(
	readFileSync("tests/kernel/fixtures/tail-reference.json", "utf8"),
) as {
	cases: { function: string; points: [number, number, number][] }[];
	erf: [number, number, number][];
};

/** Relative error, measured only where the reference is a normal float64. */
function relativeError(actual: number, expected: number): number {
	if (Math.abs(expected) < 2.3e-308) {
		return Math.abs(actual - expected) <= 1e-320 ? 0 : Infinity;
	}
	return Math.abs(actual - expected) / Math.abs(expected);
}

describe("erf and erfc", () => {
	it("erf within 4 ulp of mpmath", () => {
		for (const [x, expected] of tails.erf) {
			const error = relativeError(erf(x), expected);
			assert.ok(
				error <= 4.5e-16,
				`erf(${x}) = ${erf(x)}, mpmath ${expected}, error ${error}`,
			);
		}
	});

	it("erfc within 4 ulp of mpmath", () => {
		for (const [x, , expected] of tails.erf) {
			const error = relativeError(erfc(x), expected);
			assert.ok(
				error <= 9e-16,
				`erfc(${x}) = ${erfc(x)}, mpmath ${expected}, error ${error}`,
			);
		}
	});

	it("erf handles special inputs", () => {
		assert.equal(erf(0), 0);
		assert.ok(Object.is(erf(-0), -0));
		assert.equal(erf(Infinity), 1);
		assert.equal(erf(-Infinity), -1);
		assert.ok(Number.isNaN(erf(NaN)));
		assert.equal(erfc(Infinity), 0);
		assert.equal(erfc(-Infinity), 2);
		assert.ok(Number.isNaN(erfc(NaN)));
	});

	it("erfc is odd around one", () => {
		for (const x of [0.1, 0.46875, 0.5, 2, 4, 4.5, 9]) {
			assert.ok(Math.abs(erfc(-x) - (2 - erfc(x))) <= 4.5e-16);
		}
	});
});

describe("catalog tails against mpmath", () => {
	for (const testCase of tails.cases) {
		it(`${testCase.function} tails within 1e-14`, () => {
			const activation = compileActivation(testCase.function);
			const x = Float64Array.from(testCase.points, (point) => point[0]);
			const value = new Float64Array(x.length);
			const gradient = new Float64Array(x.length);
			activation.evaluate(x, {}, value, gradient);
			testCase.points.forEach(([xi, expectedValue, expectedGradient], i) => {
				const valueError = relativeError(value[i] as number, expectedValue);
				const gradientError = relativeError(
					gradient[i] as number,
					expectedGradient,
				);
				assert.ok(
					valueError <= 1e-14,
					`value at ${xi}: ${value[i]} vs ${expectedValue}`,
				);
				assert.ok(
					gradientError <= 1e-14,
					`gradient at ${xi}: ${gradient[i]} vs ${expectedGradient}`,
				);
			});
		});
	}
});
