import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseBlock } from "../../src/block/parse";
import {
	formatBlockError,
	type BlockError,
	type ParameterSpec,
} from "../../src/block/spec";
import { onlyError } from "./parse-helpers";

const SUGGESTION = /; write for example (\w+: \{[^}]*\})$/;

/** Builds a block with a slider range of `a`, on line 3 so that the error names that line. */
function blockWith(range: string, fn = "a * x"): string {
	return `function: ${fn}\nparams:\n  ${range}`;
}

/**
 * Parses the block with the error's suggested entry in place of line 3, and returns the
 * parameter it resolves to.
 */
function applySuggestion(
	body: string,
	error: BlockError,
	name: string,
): ParameterSpec {
	const suggestion = SUGGESTION.exec(error.message)?.[1];
	assert.ok(suggestion, `no suggested entry in: ${error.message}`);
	const lines = body.split("\n");
	lines[2] = `  ${suggestion}`;
	const result = parseBlock(lines.join("\n"));
	if (!result.ok) {
		assert.fail(
			`suggestion ${suggestion} does not parse:\n${result.errors.map(formatBlockError).join("\n")}`,
		);
	}
	const parameter = result.spec.parameters.find(
		(candidate) => candidate.name === name,
	);
	assert.ok(parameter, `no parameter ${name} after ${suggestion}`);
	return parameter;
}

/** Value, min and max of a range whose min is not below its max. */
const INVERTED: [value: number, min: number, max: number][] = [
	[1, 2, 0],
	[5, 2, 0],
	[-3, 2, 0],
	[0, 0, 0],
	[1, 1, 1],
	[-4, -4, -4],
	[3, 1, 1],
	[0.25, 1e-9, -1e-9],
	[1e300, 1e300, 1e300],
	[-2.5, 7, -7],
	[0, 5e-324, 0],
];

describe("inverted slider range suggestion", () => {
	for (const [value, min, max] of INVERTED) {
		it(`value ${value}, min ${min}, max ${max}`, () => {
			const body = blockWith(`a: {value: ${value}, min: ${min}, max: ${max}}`);
			const error = onlyError(body);
			assert.equal(error.line, 3);
			assert.match(error.message, /is not below max/);
			const parameter = applySuggestion(body, error, "a");
			assert.equal(parameter.value, value);
			assert.ok(parameter.min < parameter.max);
			assert.ok(parameter.min <= value);
			assert.ok(value <= parameter.max);
		});
	}

	it("exact message for value 1", () => {
		const error = onlyError(blockWith("a: {value: 1, min: 2, max: 0}"));
		assert.equal(
			error.message,
			"parameter 'a': min 2 is not below max 0; write for example a: {value: 1, min: 0, max: 2}",
		);
	});

	it("catalog parameter keeps value", () => {
		const body = blockWith("beta: {value: 3, min: 2, max: 1}", "swish");
		const parameter = applySuggestion(body, onlyError(body), "beta");
		assert.equal(parameter.value, 3);
		assert.equal(parameter.min, 1);
		assert.equal(parameter.max, 3);
	});

	it("catalog default inside suggestion", () => {
		const body = blockWith("beta: {min: 4, max: 3}", "swish");
		const parameter = applySuggestion(body, onlyError(body), "beta");
		assert.equal(parameter.value, 1);
		assert.ok(parameter.min <= 1);
	});

	it("written step refitted", () => {
		const body = blockWith("a: {value: 1, min: 1, max: 1, step: 5}");
		const error = onlyError(body);
		assert.match(error.message, /step: 0\.02\}$/);
		assert.equal(applySuggestion(body, error, "a").step, 0.02);
	});

	it("written step kept", () => {
		const body = blockWith("a: {value: 1, min: 2, max: 0, step: 0.5}");
		assert.equal(applySuggestion(body, onlyError(body), "a").step, 0.5);
	});

	it("random inverted ranges", () => {
		const number = fc.double({
			min: -1e6,
			max: 1e6,
			noNaN: true,
			noDefaultInfinity: true,
		});
		fc.assert(
			fc.property(number, number, number, (value, a, b) => {
				const min = Math.max(a, b);
				const max = Math.min(a, b);
				const body = blockWith(
					`a: {value: ${value}, min: ${min}, max: ${max}}`,
				);
				const parameter = applySuggestion(body, onlyError(body), "a");
				// The block text writes -0 as 0.
				assert.equal(parameter.value, Number(String(value)));
				assert.ok(parameter.min < parameter.max);
				assert.ok(parameter.min <= value);
				assert.ok(value <= parameter.max);
			}),
			{ numRuns: 300 },
		);
	});
});
