import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	CATALOG,
	compileActivation,
	type ParameterValues,
} from "../../src/kernel/index";
import type { CatalogEntry } from "../../src/kernel/catalog";

/** Value and gradient at one point. */
function evaluateAt(
	source: string,
	x: number,
	parameters: ParameterValues,
	declared: string[] = [],
): [number, number] {
	const activation = compileActivation(source, declared);
	const value = new Float64Array(1);
	const gradient = new Float64Array(1);
	activation.evaluate(Float64Array.of(x), parameters, value, gradient);
	return [value[0] as number, gradient[0] as number];
}

/**
 * Lower bounds for parameters that, at 0, turn a smooth function into one with a kink
 * at 0 or a pole: squareplus with b = 0 is relu, softplus with beta = 0 divides by 0.
 */
const SMOOTHNESS_FLOOR: Record<string, number> = {
	"softplus.beta": 0.1,
	"swish.beta": 0,
	"squareplus.b": 0.01,
};

/** Functions whose second derivative jumps at these points, so finite differences lose order. */
const CURVATURE_KINKS: Record<string, number[]> = { softsign: [0] };

/** Parameter values drawn from each parameter's slider range. */
function parametersOf(
	entry: CatalogEntry,
): fc.Arbitrary<Record<string, number>> {
	const record: Record<string, fc.Arbitrary<number>> = {};
	for (const parameter of entry.parameters) {
		record[parameter.name] = fc.double({
			min: Math.max(
				parameter.min,
				SMOOTHNESS_FLOOR[`${entry.name}.${parameter.name}`] ?? -Infinity,
			),
			max: parameter.max,
			noNaN: true,
		});
	}
	return fc.record(record);
}

/** Distance from x to the nearest breakpoint of the entry, in units of max(1, |x|). */
function distanceToKink(
	entry: CatalogEntry,
	parameters: ParameterValues,
	x: number,
): number {
	const values = entry.parameters.map(
		(parameter) => parameters[parameter.name] ?? parameter.default,
	);
	const points = [
		...entry.breakpoints(values),
		...(CURVATURE_KINKS[entry.name] ?? []),
	];
	const distances = points.map((point) => Math.abs(point - x));
	return Math.min(Infinity, ...distances) / Math.max(1, Math.abs(x));
}

describe("catalog gradient properties", () => {
	for (const entry of CATALOG) {
		it(`${entry.name} matches finite differences`, () => {
			fc.assert(
				fc.property(
					parametersOf(entry),
					fc.double({ min: -20, max: 20, noNaN: true }),
					(parameters, x) => {
						// h balances truncation (h^2 f''') against rounding (1e-16 |f| / h).
						const h = 1e-5 * Math.max(1, Math.abs(x));
						fc.pre(distanceToKink(entry, parameters, x) > 4e-5);
						const [value, gradient] = evaluateAt(entry.name, x, parameters);
						const [above] = evaluateAt(entry.name, x + h, parameters);
						const [below] = evaluateAt(entry.name, x - h, parameters);
						const difference = (above - below) / (2 * h);
						const tolerance = 1e-6 * (Math.abs(gradient) + Math.abs(value) + 1);
						return Math.abs(difference - gradient) <= tolerance;
					},
				),
				{ numRuns: 300, seed: 20261204 },
			);
		});
	}
});

/** An expression and its catalog twin, with the parameters they share. */
interface Twin {
	expression: string;
	catalog: string;
	parameters: Record<string, fc.Arbitrary<number>>;
	domain?: [number, number];
	/** x where the expression and the catalog switch branch, to stay away from. */
	kinks?: (parameters: Record<string, number>) => number[];
}

const TWINS: Twin[] = [
	{
		expression: "x * sigmoid(beta * x)",
		catalog: "swish",
		parameters: { beta: fc.double({ min: 0, max: 4, noNaN: true }) },
	},
	{ expression: "x * sigmoid(x)", catalog: "silu", parameters: {} },
	{
		expression: "max(0, x) + alpha * min(0, x)",
		catalog: "prelu",
		parameters: { alpha: fc.double({ min: 0, max: 1, noNaN: true }) },
		kinks: () => [0],
	},
	{
		expression: "x > 0 ? x : negative_slope * x",
		catalog: "leaky_relu",
		parameters: { negative_slope: fc.double({ min: 0, max: 1, noNaN: true }) },
		kinks: () => [0],
	},
	{
		expression: "x > 0 ? x : alpha * (exp(x) - 1)",
		catalog: "elu",
		parameters: { alpha: fc.double({ min: 0, max: 3, noNaN: true }) },
		kinks: () => [0],
	},
	{
		expression: "log1p(exp(beta * x)) / beta",
		catalog: "softplus",
		parameters: { beta: fc.double({ min: 0.5, max: 1.3, noNaN: true }) },
		domain: [-15, 15],
	},
	{ expression: "-log1p(exp(-x))", catalog: "logsigmoid", parameters: {} },
	{ expression: "x * tanh(log1p(exp(x)))", catalog: "mish", parameters: {} },
	{ expression: "x / 2 * erfc(-x / sqrt(2))", catalog: "gelu", parameters: {} },
	{
		expression: "x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3)))",
		catalog: "gelu_tanh",
		parameters: {},
		domain: [-5, 20],
	},
	{ expression: "x - tanh(x)", catalog: "tanhshrink", parameters: {} },
	{
		expression: "x / (1 + abs(x))",
		catalog: "softsign",
		parameters: {},
		kinks: () => [0],
	},
	{ expression: "1 / (1 + exp(-x))", catalog: "sigmoid", parameters: {} },
	{
		expression: "min(max(x, min_val), max_val)",
		catalog: "hardtanh",
		parameters: {
			min_val: fc.double({ min: -5, max: -0.1, noNaN: true }),
			max_val: fc.double({ min: 0.1, max: 5, noNaN: true }),
		},
		kinks: (p) => [p.min_val as number, p.max_val as number],
	},
	{
		expression: "x * min(max(x + 3, 0), 6) / 6",
		catalog: "hardswish",
		parameters: {},
		kinks: () => [-3, 3],
	},
	{
		expression: "x > lambd ? x - lambd : (x < -lambd ? x + lambd : 0)",
		catalog: "softshrink",
		parameters: { lambd: fc.double({ min: 0, max: 3, noNaN: true }) },
		kinks: (p) => [-(p.lambd as number), p.lambd as number],
	},
	{
		expression: "(x + sqrt(x^2 + b)) / 2",
		catalog: "squareplus",
		parameters: { b: fc.double({ min: 0.1, max: 16, noNaN: true }) },
		domain: [-3, 20],
	},
];

function close(a: number, b: number): boolean {
	return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

describe("expression twins of catalog", () => {
	for (const twin of TWINS) {
		it(`${twin.expression} equals ${twin.catalog}`, () => {
			const [low, high] = twin.domain ?? [-20, 20];
			const names = Object.keys(twin.parameters);
			fc.assert(
				fc.property(
					fc.record(twin.parameters),
					fc.double({ min: low, max: high, noNaN: true }),
					(parameters, x) => {
						const kinks = twin.kinks?.(parameters) ?? [];
						fc.pre(kinks.every((point) => Math.abs(point - x) > 1e-9));
						const expression = evaluateAt(
							twin.expression,
							x,
							parameters,
							names,
						);
						const catalog = evaluateAt(twin.catalog, x, parameters);
						return (
							close(expression[0], catalog[0]) &&
							close(expression[1], catalog[1])
						);
					},
				),
				{ numRuns: 200, seed: 4122026 },
			);
		});
	}

	it("twins follow own conventions", () => {
		const prelu = evaluateAt(
			"max(0, x) + alpha * min(0, x)",
			0,
			{ alpha: 0.1 },
			["alpha"],
		);
		assert.equal(prelu[1], 0.55);
		assert.equal(evaluateAt("prelu", 0, { alpha: 0.1 })[1], 0.1);
		const hardtanh = evaluateAt("min(max(x, -1), 1)", 1, {});
		assert.equal(hardtanh[1], 0.5);
		assert.equal(evaluateAt("hardtanh", 1, {})[1], 0);
		const leaky = evaluateAt("x > 0 ? x : 0.2 * x", 0, {});
		assert.equal(leaky[1], 0.2);
		assert.equal(evaluateAt("leaky_relu", 0, { negative_slope: 0.2 })[1], 0.2);
		const hardswish = evaluateAt("x * min(max(x + 3, 0), 6) / 6", -3, {});
		assert.equal(hardswish[1], -0.25);
		assert.equal(evaluateAt("hardswish", -3, {})[1], 0);
	});
});
