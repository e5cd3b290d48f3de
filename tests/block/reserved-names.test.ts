import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateSpec } from "../../src/block/evaluate";
import { formatBlockError } from "../../src/block/spec";
import { parseErrors, parseValid } from "./parse-helpers";

/** Returns the slope of a sampled straight line through its first two points. */
function slopeOf(body: string): number {
	const sampled = evaluateSpec(parseValid(body)).series[0]?.sampled;
	const x = sampled?.x ?? new Float64Array();
	const value = sampled?.value ?? new Float64Array();
	return (
		((value[1] as number) - (value[0] as number)) /
		((x[1] as number) - (x[0] as number))
	);
}

describe("parameter names of Object.prototype", () => {
	it("__proto__ parameter rejected", () => {
		const errors = parseErrors(
			'function: "__proto__ * x"\nparams: {__proto__: {value: 3, min: 0, max: 5}}',
		);
		assert.deepEqual(errors.map(formatBlockError), [
			"line 2: parameter '__proto__' has a name that JavaScript objects reserve; rename it, for example to proto, in params and in the expression",
		]);
		assert.equal(errors[0]?.key, "params");
	});

	it("__proto__ on its own line", () => {
		const errors = parseErrors(
			'function: "__proto__ * x"\nparams:\n  alpha: 1\n  __proto__: 3',
		);
		assert.equal(errors.length, 1);
		assert.equal(errors[0]?.line, 4);
	});

	it("suggested rename is accepted", () => {
		const slope = slopeOf(
			'function: "proto * x"\nparams: {proto: {value: 3, min: 0, max: 5}}\nsamples: 3',
		);
		assert.equal(slope, 3);
	});

	it("undeclared __proto__ suggests proto", () => {
		const errors = parseErrors('function: "__proto__ * x"');
		assert.equal(errors.length, 1);
		assert.match(errors[0]?.message ?? "", /params: \{proto: 1\}/);
	});

	for (const name of [
		"constructor",
		"prototype",
		"hasOwnProperty",
		"toString",
		"valueOf",
	]) {
		it(`${name} works as parameter`, () => {
			const block = `function: "${name} * x"\nparams: {${name}: {value: 3, min: 0, max: 5}}\nsamples: 3`;
			assert.equal(slopeOf(block), 3);
			const spec = parseValid(block);
			assert.deepEqual(evaluateSpec(spec).series[0]?.params, { [name]: 3 });
		});
	}
});

describe("keyword symbols", () => {
	it("in suggests a usable name", () => {
		const errors = parseErrors('function: "5 in x"');
		assert.deepEqual(errors.map(formatBlockError), [
			"line 1: unknown symbol 'in', and 'in' cannot name a parameter because it is a keyword of the expression syntax; if it is a parameter, rename it to in_0 in the expression and declare it, for example params: {in_0: 1}",
		]);
	});

	it("suggested in_0 is accepted", () => {
		assert.equal(
			slopeOf('function: "5 in_0 x"\nparams: {in_0: 1}\nsamples: 3'),
			5,
		);
	});
});
