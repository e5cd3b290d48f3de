import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
	CATALOG,
	compileActivation,
	findCatalogEntry,
} from "../../src/kernel/index";

interface ReferenceCase {
	function: string;
	params: Record<string, number>;
	points: [number, number, number][];
}

const reference = JSON.parse(
	readFileSync("tests/fixtures/activations.json", "utf8"),
) as {
	cases: ReferenceCase[];
};

/** The reference tolerance: |a - r| <= 1e-12 |r| + 1e-15. */
function assertClose(
	actual: number,
	expected: number,
	description: string,
): void {
	const tolerance = 1e-12 * Math.abs(expected) + 1e-15;
	assert.ok(
		Math.abs(actual - expected) <= tolerance,
		`${description}: got ${actual}, expected ${expected} (tolerance ${tolerance})`,
	);
}

const PYTORCH_NAMES = [
	"relu",
	"relu6",
	"leaky_relu",
	"prelu",
	"rrelu",
	"elu",
	"selu",
	"celu",
	"gelu",
	"gelu_tanh",
	"silu",
	"swish",
	"mish",
	"softplus",
	"softsign",
	"sigmoid",
	"tanh",
	"tanhshrink",
	"hardsigmoid",
	"hardtanh",
	"hardswish",
	"logsigmoid",
	"softshrink",
	"hardshrink",
	"threshold",
	"squareplus",
	"identity",
];

describe("catalog reference values", () => {
	for (const testCase of reference.cases) {
		const label = `${testCase.function} ${JSON.stringify(testCase.params)}`;
		it(`matches reference for ${label}`, () => {
			const activation = compileActivation(testCase.function);
			const x = Float64Array.from(testCase.points, (point) => point[0]);
			const value = new Float64Array(x.length);
			const gradient = new Float64Array(x.length);
			activation.evaluate(x, testCase.params, value, gradient);
			testCase.points.forEach(([xi, expectedValue, expectedGradient], i) => {
				assertClose(
					value[i] as number,
					expectedValue,
					`${label} value at ${xi}`,
				);
				assertClose(
					gradient[i] as number,
					expectedGradient,
					`${label} gradient at ${xi}`,
				);
			});
		});
	}

	it("covers every catalog function", () => {
		const covered = new Set(
			reference.cases.map((testCase) => testCase.function),
		);
		const missing = CATALOG.map((entry) => entry.name).filter(
			(name) => !covered.has(name),
		);
		assert.deepEqual(missing, ["identity"]);
	});
});

describe("catalog entries", () => {
	it("lists exactly the documented names", () => {
		assert.deepEqual(
			CATALOG.map((entry) => entry.name),
			PYTORCH_NAMES,
		);
	});

	it("finds entries by exact name", () => {
		assert.equal(findCatalogEntry("swish")?.name, "swish");
		assert.equal(findCatalogEntry("Swish"), undefined);
		assert.equal(findCatalogEntry("constructor"), undefined);
	});

	for (const entry of CATALOG) {
		it(`${entry.name} entry is complete`, () => {
			assert.ok(entry.description.endsWith("."), "description is one sentence");
			assert.ok(entry.formula.value.length > 0, "value formula");
			assert.ok((entry.formula.gradient ?? "").length > 0, "gradient formula");
			assert.ok(
				entry.kinkConvention.endsWith("."),
				"kink convention is a sentence",
			);
			for (const parameter of entry.parameters) {
				assert.ok(
					parameter.min <= parameter.default,
					`${parameter.name} default above min`,
				);
				assert.ok(
					parameter.default <= parameter.max,
					`${parameter.name} default below max`,
				);
				assert.ok(parameter.step > 0, `${parameter.name} step positive`);
			}
		});
	}

	it("uses PyTorch keyword names", () => {
		const names = (name: string) =>
			findCatalogEntry(name)?.parameters.map((parameter) => parameter.name);
		assert.deepEqual(names("leaky_relu"), ["negative_slope"]);
		assert.deepEqual(names("prelu"), ["alpha"]);
		assert.deepEqual(names("elu"), ["alpha"]);
		assert.deepEqual(names("celu"), ["alpha"]);
		assert.deepEqual(names("swish"), ["beta"]);
		assert.deepEqual(names("softplus"), ["beta", "threshold"]);
		assert.deepEqual(names("threshold"), ["threshold", "value"]);
		assert.deepEqual(names("hardtanh"), ["min_val", "max_val"]);
		assert.deepEqual(names("softshrink"), ["lambd"]);
		assert.deepEqual(names("hardshrink"), ["lambd"]);
		assert.deepEqual(names("squareplus"), ["b"]);
		assert.deepEqual(names("rrelu"), ["lower", "upper"]);
	});
});

/** Value and gradient of a catalog function at single points. */
function at(
	name: string,
	xs: number[],
	parameters: Record<string, number> = {},
) {
	const activation = compileActivation(name);
	const x = Float64Array.from(xs);
	const value = new Float64Array(x.length);
	const gradient = new Float64Array(x.length);
	activation.evaluate(x, parameters, value, gradient);
	return { value: [...value], gradient: [...gradient] };
}

describe("catalog kink conventions", () => {
	it("relu gradient at zero", () => {
		assert.deepEqual(at("relu", [0]).gradient, [0]);
	});

	it("relu6 and hardtanh ends", () => {
		assert.deepEqual(at("relu6", [0, 6]).gradient, [0, 0]);
		assert.deepEqual(at("hardtanh", [-1, 1]).gradient, [0, 0]);
		assert.deepEqual(
			at("hardtanh", [-2, 2], { min_val: -2, max_val: 2 }).gradient,
			[0, 0],
		);
	});

	it("leaky slopes at zero", () => {
		assert.deepEqual(at("leaky_relu", [0]).gradient, [0.01]);
		assert.deepEqual(
			at("leaky_relu", [0], { negative_slope: 0.2 }).gradient,
			[0.2],
		);
		assert.deepEqual(at("prelu", [0]).gradient, [0.25]);
		assert.deepEqual(at("rrelu", [0]).gradient, [(1 / 8 + 1 / 3) / 2]);
	});

	it("exponential units take left side", () => {
		assert.deepEqual(at("elu", [0], { alpha: 0.5 }).gradient, [0.5]);
		assert.deepEqual(at("celu", [0], { alpha: 0.5 }).gradient, [1]);
		const selu = at("selu", [0]).gradient[0] as number;
		assert.ok(Math.abs(selu - 1.0507009873554805 * 1.6732632423543772) < 1e-15);
	});

	it("hard sigmoid and swish ends", () => {
		assert.deepEqual(at("hardsigmoid", [-3, 3]).gradient, [0, 0]);
		assert.deepEqual(at("hardswish", [-3, 3]).gradient, [0, 1]);
	});

	it("shrink and threshold points", () => {
		assert.deepEqual(at("softshrink", [-0.5, 0.5]).gradient, [0, 0]);
		assert.deepEqual(
			at("hardshrink", [-0.7, 0.7], { lambd: 0.7 }).gradient,
			[0, 0],
		);
		assert.deepEqual(at("threshold", [1], { threshold: 1, value: -2 }), {
			value: [-2],
			gradient: [0],
		});
	});

	it("softplus switches above threshold", () => {
		const result = at("softplus", [10, 10.5], { beta: 2, threshold: 20 });
		assert.deepEqual(result.gradient[1], 1);
		assert.deepEqual(result.value[1], 10.5);
		assert.notEqual(result.value[0], 10);
	});

	it("silu equals swish with beta one", () => {
		const xs = [-7, -1.25, 0, 0.5, 9];
		assert.deepEqual(at("silu", xs), at("swish", xs, { beta: 1 }));
	});

	it("tanh gradient nonzero far out", () => {
		const gradient = at("tanh", [25, -40]).gradient;
		assert.ok(
			Math.abs((gradient[0] as number) / (4 * Math.exp(-50)) - 1) < 1e-14,
		);
		assert.ok(
			Math.abs((gradient[1] as number) / (4 * Math.exp(-80)) - 1) < 1e-14,
		);
	});
});
