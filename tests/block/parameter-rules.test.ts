import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateSpec } from "../../src/block/evaluate";
import { formatBlockError } from "../../src/block/spec";
import { onlyError, parseValid } from "./parse-helpers";

/** Returns the `params` entry that a message suggests after "write for example". */
function suggestedEntry(message: string): string {
	const match = /write for example ([^,]+?(?:\{[^}]*\})?)(?:, or |$)/.exec(
		message,
	);
	assert.ok(match?.[1], `no suggestion in: ${message}`);
	return match[1];
}

describe("parameter rules at parse time", () => {
	it("hardtanh min_val above max_val", () => {
		const error = onlyError(
			"function: hardtanh\nparams: {min_val: 2, max_val: 1}",
		);
		assert.equal(error.line, 2);
		assert.equal(error.key, "params");
		assert.equal(
			formatBlockError(error),
			"line 2: parameter 'min_val': value 2 is above max_val = 1, but hardtanh " +
				"requires min_val <= max_val; write for example " +
				"min_val: -1, or set max_val to 2 or more",
		);
	});

	it("hardtanh error on min_val line", () => {
		const error = onlyError(
			"function: hardtanh\nparams:\n  max_val: 0.2\n  min_val: 0.5",
		);
		assert.equal(error.line, 4);
		assert.match(error.message, /^parameter 'min_val': value 0.5 is above/);
	});

	it("hardtanh max_val below default", () => {
		const error = onlyError("function: hardtanh\nparams:\n  max_val: -2");
		assert.equal(error.line, 3);
		assert.equal(
			error.message,
			"parameter 'max_val': value -2 is below min_val = -1, but hardtanh " +
				"requires min_val <= max_val; write for example " +
				"max_val: 1, or set min_val to -2 or less",
		);
	});

	it("hardtanh equal bounds accepted", () => {
		const spec = parseValid(
			"function: hardtanh\nparams: {min_val: 1, max_val: 1}",
		);
		assert.deepEqual(
			spec.parameters.map((parameter) => parameter.value),
			[1, 1],
		);
	});

	it("softshrink negative lambd", () => {
		const error = onlyError("function: softshrink\nparams: {lambd: -0.5}");
		assert.equal(error.line, 2);
		assert.equal(
			formatBlockError(error),
			"line 2: parameter 'lambd': value -0.5 is below 0, but softshrink " +
				"requires lambd >= 0; write for example lambd: 0.5",
		);
	});

	it("softshrink zero lambd accepted", () => {
		const spec = parseValid("function: softshrink\nparams: {lambd: 0}");
		assert.equal(spec.parameters[0]?.value, 0);
	});

	it("hardshrink negative lambd accepted", () => {
		// Only softshrink carries the rule lambd >= 0, and hardshrink(-0.5) is the identity.
		const spec = parseValid("function: hardshrink\nparams: {lambd: -0.5}");
		assert.equal(spec.parameters[0]?.value, -0.5);
	});

	it("shared lambd reported once", () => {
		const error = onlyError(
			"function: [softshrink, hardshrink, softshrink]\nparams: {lambd: -1}",
		);
		assert.match(error.message, /softshrink requires lambd >= 0/);
	});

	it("slider range below bound", () => {
		const error = onlyError(
			"function: softshrink\nparams:\n  lambd: {value: 0.5, min: -1, max: 1}",
		);
		assert.equal(error.line, 3);
		assert.equal(
			error.message,
			"parameter 'lambd': its slider reaches -1, below 0, but softshrink " +
				"requires lambd >= 0; write for example " +
				"lambd: {value: 0.5, min: 0, max: 1}",
		);
	});

	it("catalog slider range accepted", () => {
		const lambd = parseValid("softshrink").parameters[0];
		assert.equal(lambd?.min, 0);
	});

	const fixable = [
		"function: hardtanh\nparams:\n  min_val: 2\n  max_val: 1",
		"function: hardtanh\nparams:\n  min_val: 7",
		"function: hardtanh\nparams:\n  max_val: -9",
		"function: softshrink\nparams:\n  lambd: -3",
		"function: softshrink\nparams:\n  lambd: {value: 0.5, min: -1, max: 1}",
		"function: softshrink\nparams:\n  lambd: {value: 0, min: -1, max: 0}",
		"function: softshrink\nparams:\n  lambd: {value: 0, min: -1, max: 0, step: 0.5}",
	];
	for (const body of fixable) {
		it(`suggestion applied: ${body.split("\n").slice(2).join("; ")}`, () => {
			const error = onlyError(body);
			const lines = body.split("\n");
			lines[error.line - 1] = `  ${suggestedEntry(error.message)}`;
			parseValid(lines.join("\n"));
		});
	}
});

describe("parameter rules on slider values", () => {
	const body =
		"function: [hardtanh, relu]\nparams:\n  min_val: {value: -1, min: -3, max: 3}\nat: [0.5]\nsamples: 9";

	it("crossed sliders leave gaps", () => {
		const samples = evaluateSpec(parseValid(body), {
			parameters: { min_val: 2 },
		});
		const hardtanh = samples.series[0];
		assert.equal(hardtanh?.sampled.x.length, 9);
		assert.ok(hardtanh?.sampled.value.every(Number.isNaN));
		assert.ok(hardtanh?.sampled.gradient.every(Number.isNaN));
		assert.deepEqual(hardtanh?.sampled.kinks, []);
		assert.deepEqual(hardtanh?.sampled.notes, [
			"hardtanh: not drawn, because min_val 2 is above max_val = 1 and hardtanh " +
				"requires min_val <= max_val; move the min_val or " +
				"max_val slider until min_val <= max_val",
		]);
		assert.deepEqual(samples.notes, hardtanh?.sampled.notes);
	});

	it("crossed sliders keep others", () => {
		const samples = evaluateSpec(parseValid(body), {
			parameters: { min_val: 2 },
		});
		const relu = samples.series[1];
		assert.deepEqual(Array.from(relu?.sampled.value ?? []).slice(-2), [6, 8]);
		assert.deepEqual(samples.marks[1], {
			label: "relu",
			x: 0.5,
			value: 0.5,
			gradient: 1,
		});
		assert.ok(Number.isNaN(samples.marks[0]?.value));
		assert.ok(Number.isNaN(samples.marks[0]?.gradient));
	});

	it("uncrossed sliders draw hardtanh", () => {
		const samples = evaluateSpec(parseValid(body), {
			parameters: { min_val: 0.5 },
		});
		const hardtanh = samples.series[0];
		assert.deepEqual(
			Array.from(hardtanh?.sampled.value ?? []),
			[0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1],
		);
		assert.deepEqual(samples.notes, []);
	});

	it("negative lambd slider value", () => {
		const samples = evaluateSpec(parseValid("softshrink"), {
			parameters: { lambd: -0.25 },
		});
		assert.match(
			samples.notes[0] ?? "",
			/^softshrink: not drawn, because lambd -0.25 is below 0/,
		);
		assert.match(samples.notes[0] ?? "", /move the lambd slider/);
	});
});
