import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateSpec } from "../../src/block/evaluate";
import { parseBlock } from "../../src/block/parse";
import { formatBlockError, type ActivationSpec } from "../../src/block/spec";

function parseValid(body: string): ActivationSpec {
	const result = parseBlock(body);
	if (!result.ok) {
		assert.fail(result.errors.map(formatBlockError).join("\n"));
	}
	return result.spec;
}

describe("evaluateSpec", () => {
	it("relu on three samples", () => {
		const samples = evaluateSpec(
			parseValid("function: relu\nsamples: 3\nat: [0]"),
		);
		assert.equal(samples.series.length, 1);
		const series = samples.series[0];
		assert.equal(series?.label, "relu");
		assert.equal(series?.function, "relu");
		assert.deepEqual(series?.params, {});
		assert.deepEqual(Array.from(series?.sampled.x ?? []), [-8, 0, 8]);
		// The sign of a zero is not part of the contract: JSON prints -0 as 0.
		const value = Array.from(series?.sampled.value ?? [], (v) =>
			v === 0 ? 0 : v,
		);
		assert.deepEqual(value, [0, 0, 8]);
		assert.deepEqual(Array.from(series?.sampled.gradient ?? []), [0, 0, 1]);
		assert.deepEqual(samples.marks, [
			{ label: "relu", x: 0, value: 0, gradient: 0 },
		]);
		assert.deepEqual(samples.notes, []);
	});

	it("at point without value has no gradient", () => {
		const samples = evaluateSpec(parseValid("function: log(x)\nat: [-1, 1]"));
		const [outside, inside] = samples.marks;
		assert.ok(Number.isNaN(outside?.value), String(outside?.value));
		assert.ok(Number.isNaN(outside?.gradient), String(outside?.gradient));
		assert.equal(inside?.value, 0);
		assert.equal(inside?.gradient, 1);
	});

	it("block value overrides default", () => {
		const samples = evaluateSpec(
			parseValid(
				"function: leaky_relu\nparams: {negative_slope: 0.2}\nsamples: 2\nx: [-5, 5]",
			),
		);
		assert.deepEqual(samples.series[0]?.params, { negative_slope: 0.2 });
		assert.deepEqual(
			Array.from(samples.series[0]?.sampled.value ?? []),
			[-1, 5],
		);
	});

	it("slider value overrides block", () => {
		const spec = parseValid(
			"function: leaky_relu\nparams: {negative_slope: 0.2}\nsamples: 2\nx: [-5, 5]",
		);
		const samples = evaluateSpec(spec, { parameters: { negative_slope: 0.5 } });
		assert.deepEqual(
			Array.from(samples.series[0]?.sampled.value ?? []),
			[-2.5, 5],
		);
	});

	it("shared parameter keeps own defaults", () => {
		const samples = evaluateSpec(parseValid("function: [prelu, elu]"));
		assert.deepEqual(samples.series[0]?.params, { alpha: 0.25 });
		assert.deepEqual(samples.series[1]?.params, { alpha: 1 });
	});

	it("shared parameter set once", () => {
		const samples = evaluateSpec(
			parseValid("function: [prelu, elu]\nparams: {alpha: 0.5}"),
		);
		assert.deepEqual(samples.series[0]?.params, { alpha: 0.5 });
		assert.deepEqual(samples.series[1]?.params, { alpha: 0.5 });
	});

	it("expression parameter in effect", () => {
		const spec = parseValid(
			"function: x > 0 ? x : alpha * x\nparams: {alpha: 0.1}\nsamples: 2\nx: [-10, 10]",
		);
		const samples = evaluateSpec(spec);
		assert.deepEqual(samples.series[0]?.params, { alpha: 0.1 });
		assert.deepEqual(
			Array.from(samples.series[0]?.sampled.value ?? []),
			[-1, 10],
		);
	});

	it("domain override", () => {
		const samples = evaluateSpec(parseValid("function: relu\nsamples: 3"), {
			domain: [0, 2],
		});
		assert.deepEqual(Array.from(samples.series[0]?.sampled.x ?? []), [0, 1, 2]);
	});

	it("invalid domain override ignored", () => {
		const samples = evaluateSpec(parseValid("function: relu\nsamples: 3"), {
			domain: [2, 0],
		});
		assert.deepEqual(
			Array.from(samples.series[0]?.sampled.x ?? []),
			[-8, 0, 8],
		);
	});

	it("marks use kink convention", () => {
		const spec = parseValid(
			"function: [abs(x), leaky_relu, hardtanh]\nat: [0, 1]",
		);
		const marks = evaluateSpec(spec).marks;
		assert.equal(marks.length, 6);
		assert.deepEqual(marks[0], {
			label: marks[0]?.label,
			x: 0,
			value: 0,
			gradient: 0,
		});
		assert.equal(marks[2]?.gradient, 0.01);
		assert.equal(marks[5]?.x, 1);
		assert.equal(marks[5]?.gradient, 0);
	});

	it("notes name their series", () => {
		const samples = evaluateSpec(
			parseValid("function: [relu, f(x) = log(x)]\nx: [-1, 1]"),
		);
		assert.ok(samples.notes.length > 0, "log(x) below 0 is not finite");
		for (const note of samples.notes) {
			assert.ok(note.startsWith("f: "), note);
		}
	});
});
