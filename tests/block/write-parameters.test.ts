import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseBlock } from "../../src/block/parse";
import { formatBlockError } from "../../src/block/spec";
import { writeParameters } from "../../src/block/write-parameters";

function parameterValues(body: string): Record<string, number> {
	const result = parseBlock(body);
	if (!result.ok) {
		assert.fail(
			`written block is invalid:\n${body}\n${result.errors.map(formatBlockError).join("\n")}`,
		);
	}
	return Object.fromEntries(
		result.spec.parameters.map((parameter) => [
			parameter.name,
			parameter.value,
		]),
	);
}

describe("writeParameters", () => {
	it("replaces value in object form", () => {
		const body = [
			"# Swish, as in Ramachandran et al.",
			"function: swish   # x * sigmoid(beta * x)",
			"params:",
			"  beta: {value: 1, min: 0, max: 4}   # slider",
			"x: [-6, 6]",
			"at: [0, 1.5]",
			"",
		].join("\n");
		const written = writeParameters(body, { beta: 2.5 });
		assert.equal(written, body.replace("value: 1,", "value: 2.5,"));
	});

	it("replaces plain number", () => {
		const body =
			"function: prelu\nparams:\n  alpha: 0.25 # PyTorch's default\ncaption: true";
		assert.equal(
			writeParameters(body, { alpha: 0.5 }),
			body.replace("0.25", "0.5"),
		);
	});

	it("replaces flow map entry", () => {
		const body =
			'function: "f(x) = max(0, x) + alpha * min(0, x)"\nparams: {alpha: 0.25}';
		assert.equal(
			writeParameters(body, { alpha: 0.1 }),
			body.replace("0.25", "0.1"),
		);
	});

	it("adds entry to flow map", () => {
		const body = "function: [swish, softplus]\nparams: {beta: 1}\nx: [-4, 4]";
		const written = writeParameters(body, { threshold: 10 });
		assert.equal(
			written,
			"function: [swish, softplus]\nparams: {beta: 1, threshold: 10}\nx: [-4, 4]",
		);
	});

	it("adds entry to block map", () => {
		const body = "function: [swish, softplus]\nparams:\n  beta: 1\nx: [-4, 4]";
		const written = writeParameters(body, { threshold: 10 });
		assert.equal(
			written,
			"function: [swish, softplus]\nparams:\n  beta: 1\n  threshold: 10\nx: [-4, 4]",
		);
	});

	it("adds value field to block range", () => {
		const body = "function: swish\nparams:\n  beta:\n    min: 0\n    max: 4\n";
		const written = writeParameters(body, { beta: 3 });
		assert.equal(
			written,
			"function: swish\nparams:\n  beta:\n    min: 0\n    max: 4\n    value: 3\n",
		);
	});

	it("adds params after function", () => {
		const body =
			"# leaky\nfunction: leaky_relu # PyTorch\n\nx: [-2, 2] # narrow";
		const written = writeParameters(body, { negative_slope: 0.2 });
		assert.equal(
			written,
			"# leaky\nfunction: leaky_relu # PyTorch\nparams:\n  negative_slope: 0.2\n\nx: [-2, 2] # narrow",
		);
	});

	it("adds params after function list", () => {
		const body = "function:\n  - elu\n  - celu\nlayout: overlay";
		const written = writeParameters(body, { alpha: 0.5 });
		assert.equal(
			written,
			"function:\n  - elu\n  - celu\nparams:\n  alpha: 0.5\nlayout: overlay",
		);
	});

	it("adds params at end without newline", () => {
		assert.equal(
			writeParameters("function: elu", { alpha: 2 }),
			"function: elu\nparams:\n  alpha: 2",
		);
	});

	it("fills empty params key", () => {
		const body = "function: elu\nparams:\nx: [-2, 2]";
		assert.equal(
			writeParameters(body, { alpha: 2 }),
			"function: elu\nparams:\n  alpha: 2\nx: [-2, 2]",
		);
	});

	it("fills parameter without value", () => {
		const body = "function: elu\nparams:\n  alpha:\nx: [-2, 2]";
		assert.equal(
			writeParameters(body, { alpha: 2 }),
			"function: elu\nparams:\n  alpha: 2\nx: [-2, 2]",
		);
	});

	it("expands shorthand", () => {
		const written = writeParameters("leaky_relu", { negative_slope: 0.2 });
		assert.equal(
			written,
			"function: leaky_relu\nparams:\n  negative_slope: 0.2",
		);
	});

	it("quotes shorthand with colon", () => {
		const written = writeParameters("# leaky\nx > 0 ? x : alpha * x", {
			alpha: 0.1,
		});
		assert.equal(
			written,
			'# leaky\nfunction: "x > 0 ? x : alpha * x"\nparams:\n  alpha: 0.1',
		);
	});

	it("keeps tab indentation", () => {
		const body = "function: swish\nparams:\n\tbeta: 1\nx:\t[-6, 6]";
		assert.equal(
			writeParameters(body, { beta: 2 }),
			body.replace("beta: 1", "beta: 2"),
		);
	});

	it("keeps windows line ends", () => {
		const body = "function: elu\r\nx: [-2, 2]\r\n";
		assert.equal(
			writeParameters(body, { alpha: 2 }),
			"function: elu\r\nparams:\r\n  alpha: 2\r\nx: [-2, 2]\r\n",
		);
	});

	it("rounds float noise", () => {
		const written = writeParameters("function: elu\nparams: {alpha: 1}", {
			alpha: 0.1 + 0.2,
		});
		assert.equal(written, "function: elu\nparams: {alpha: 0.3}");
	});

	it("leaves unreadable body unchanged", () => {
		const body = 'function: "relu\nx: [1, 2]';
		assert.equal(writeParameters(body, { alpha: 1 }), body);
	});

	it("leaves body unchanged without values", () => {
		assert.equal(writeParameters("relu", {}), "relu");
		assert.equal(
			writeParameters("function: elu", { alpha: NaN }),
			"function: elu",
		);
	});
});

describe("writeParameters round trip", () => {
	const bodies = [
		"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]",
		"function: [elu, leaky_relu] # two\nlayout: overlay",
		"leaky_relu",
		"function: x > 0 ? x : alpha * x\nparams: {alpha: 0.1}",
		"function: softplus\nparams:\n\tbeta: 1\n\tthreshold: 20",
	];
	for (const body of bodies) {
		it(`round trip ${JSON.stringify(body.split("\n")[0])}`, () => {
			const names = Object.keys(parameterValues(body));
			fc.assert(
				fc.property(
					fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), {
						minLength: 1,
						maxLength: 1,
					}),
					([fraction = 0.5]) => {
						const result = parseBlock(body);
						assert.ok(result.ok);
						const values = Object.fromEntries(
							result.spec.parameters.map((parameter) => [
								parameter.name,
								Number(
									(
										parameter.min +
										fraction * (parameter.max - parameter.min)
									).toPrecision(12),
								),
							]),
						);
						const written = writeParameters(body, values);
						assert.deepEqual(parameterValues(written), values);
					},
				),
				{ numRuns: 25 },
			);
			assert.ok(names.length > 0);
		});
	}
});

describe("writeParameters arbitrary text", () => {
	it("never throws", () => {
		const alphabet = fc.constantFrom(
			..."function:params alpha x[]{},-#'\"\t\n 01e.relu?:".split(""),
		);
		fc.assert(
			fc.property(
				fc.string({ unit: alphabet, maxLength: 60 }),
				fc.double({ noNaN: true }),
				(body, value) => {
					const written = writeParameters(body, { alpha: value });
					assert.equal(typeof written, "string");
				},
			),
			{ numRuns: 300 },
		);
	});

	it("deep list left unchanged", () => {
		const body = `${"- ".repeat(3000)}1\nx: 1`;
		assert.equal(writeParameters(body, { alpha: 1 }), body);
	});

	it("skips names that are not identifiers", () => {
		assert.equal(
			writeParameters("function: elu", { "a: b": 1 }),
			"function: elu",
		);
	});
});
