import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BINARY } from "../../src/kernel/expression/binary";
import {
	CHUNK_LENGTH,
	ExpressionEvaluator,
} from "../../src/kernel/expression/interpret";
import type { ExpressionNode } from "../../src/kernel/expression/ir";
import { parseExpression } from "../../src/kernel/expression/parse";
import { compileTree } from "../../src/kernel/expression/compile";
import { UNARY } from "../../src/kernel/expression/unary";
import { linspace } from "../../src/kernel/index";

interface Dual {
	value: number;
	gradient: number;
}

/**
 * Evaluates one point node by node with the unfused kernels on arrays of length 1,
 * dispatching to the constant-operand kernels as the interpreter does. The chunked,
 * fused interpreter must reproduce it bit for bit.
 */
function reference(
	node: ExpressionNode,
	x: number,
	parameters: readonly number[],
): Dual {
	if (!node.varying) {
		return { value: constant(node, parameters), gradient: 0 };
	}
	const v = new Float64Array(1);
	const g = new Float64Array(1);
	switch (node.kind) {
		case "x":
			return { value: x, gradient: 1 };
		case "unary": {
			const a = reference(node.argument, x, parameters);
			UNARY[node.operator].vector(...pair(a), v, g, null);
			break;
		}
		case "binary": {
			const definition = BINARY[node.operator];
			if (!node.right.varying && definition.scalarRight !== undefined) {
				const a = reference(node.left, x, parameters);
				const s = constant(node.right, parameters);
				definition.scalarRight(...pair(a), s, v, g, null);
			} else if (!node.left.varying && definition.scalarLeft !== undefined) {
				const s = constant(node.left, parameters);
				const b = reference(node.right, x, parameters);
				definition.scalarLeft(s, ...pair(b), v, g);
			} else {
				const a = reference(node.left, x, parameters);
				const b = reference(node.right, x, parameters);
				definition.vector(...pair(a), ...pair(b), v, g, null);
			}
			break;
		}
		case "conditional": {
			const test = reference(node.test, x, parameters).value;
			return reference(test ? node.whenTrue : node.whenFalse, x, parameters);
		}
		case "catalog": {
			const a = reference(node.argument, x, parameters);
			const values = node.entry.parameters.map((definition, index) => {
				const argument = node.parameters[index];
				return argument === undefined
					? definition.default
					: constant(argument, parameters);
			});
			node.entry.evaluate(Float64Array.of(a.value), values, v, g);
			return { value: v[0] as number, gradient: (g[0] as number) * a.gradient };
		}
	}
	return { value: v[0] as number, gradient: g[0] as number };
}

function pair(dual: Dual): [Float64Array, Float64Array] {
	return [Float64Array.of(dual.value), Float64Array.of(dual.gradient)];
}

function constant(node: ExpressionNode, parameters: readonly number[]): number {
	const evaluator = new ExpressionEvaluator({
		root: node,
		declared: [],
		used: [],
		slotCount: 0,
	});
	const value = new Float64Array(1);
	evaluator.evaluate(
		Float64Array.of(0),
		Float64Array.from(parameters),
		value,
		new Float64Array(1),
	);
	return value[0] as number;
}

/** Builds a grid over several chunks with ties, signed zeros, NaN and infinities scattered in. */
function testGrid(): Float64Array {
	const x = linspace(-4, 4, 2 * CHUNK_LENGTH + 377);
	const special = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2, -2];
	special.forEach((value, k) => {
		x[k * 211 + 5] = value;
	});
	return x;
}

const CASES: readonly {
	source: string;
	parameters?: Record<string, number>;
}[] = [
	{ source: "max(0, x) + 0.1 * min(0, x)" },
	{ source: "0.2 * max(x, 1) - min(x, -1)" },
	{ source: "min(0, x) * 3 + max(0.5, x)" },
	{ source: "x - 0.5 * min(0, x)" },
	{ source: "exp(x) + 2 * max(x, 0.5)" },
	{ source: "x + 3 * sin(x)" },
	{ source: "3 * sin(x) - 2 * x" },
	{ source: "2 * x + 1" },
	{ source: "(x - 1) * 4" },
	{ source: "x > 0 ? x : 0.3 * (exp(x) - 1)" },
	{ source: "x < -1 ? -1 : (x < 1 ? x^3 : 1)" },
	{ source: "x > a ? x : a * (exp(x) - 1)", parameters: { a: 0.7 } },
	{ source: "a > 0 ? x : -x", parameters: { a: -1 } },
	{ source: "x * sigmoid(1.5 * x)" },
	{ source: "elu(2 * x - 1, a)", parameters: { a: 1.5 } },
	{ source: "x / 2 * (1 + erf(x / sqrt(2)))" },
	{ source: "(x - 1) * sin(x)" },
	{ source: "exp(x) * (cos(x) + 2)" },
	{ source: "abs(x) > 1 and x < 3 ? x^2 : x" },
	{ source: "x" },
];

describe("chunked interpreter", () => {
	for (const { source, parameters = {} } of CASES) {
		it(`matches node-by-node evaluation: ${source}`, () => {
			const declared = Object.keys(parameters);
			const compiled = compileTree(parseExpression(source), declared);
			const values = declared.map((name) => parameters[name] as number);
			const x = testGrid();
			const value = new Float64Array(x.length);
			const gradient = new Float64Array(x.length);
			new ExpressionEvaluator(compiled).evaluate(
				x,
				Float64Array.from(values),
				value,
				gradient,
			);
			for (let i = 0; i < x.length; i++) {
				const expected = reference(compiled.root, x[i] as number, values);
				assert.ok(
					Object.is(value[i], expected.value),
					`value at x = ${x[i]}: ${value[i]}, expected ${expected.value}`,
				);
				assert.ok(
					Object.is(gradient[i], expected.gradient),
					`gradient at x = ${x[i]}: ${gradient[i]}, expected ${expected.gradient}`,
				);
			}
		});
	}

	it("output aliasing the grid", () => {
		const compiled = compileTree(parseExpression("x > 0 ? 2 * x : x^2"), []);
		const x = linspace(-2, 2, CHUNK_LENGTH + 9);
		const expected = x.map((xi) => (xi > 0 ? 2 * xi : xi * xi));
		const gradient = new Float64Array(x.length);
		new ExpressionEvaluator(compiled).evaluate(
			x,
			new Float64Array(0),
			x,
			gradient,
		);
		assert.deepEqual([...x], [...expected]);
	});

	it("branch codes across chunks", () => {
		const compiled = compileTree(parseExpression("x > 0.25 ? x : exp(x)"), []);
		const x = linspace(-1, 1, 3 * CHUNK_LENGTH);
		const codes = [new Int8Array(x.length)];
		new ExpressionEvaluator(compiled).evaluate(
			x,
			new Float64Array(0),
			new Float64Array(x.length),
			new Float64Array(x.length),
			codes,
		);
		const record = codes[0] as Int8Array;
		for (let i = 0; i < x.length; i++) {
			const xi = x[i] as number;
			let expected = 1;
			if (xi < 0.25) {
				expected = 0;
			} else if (xi > 0.25) {
				expected = 2;
			}
			assert.equal(record[i], expected, `code at x = ${xi}`);
		}
	});
});
