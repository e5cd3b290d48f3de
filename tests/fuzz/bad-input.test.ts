/**
 * Inputs that users write by mistake and inputs that other chart plugins got wrong, end
 * to end through parseBlock and evaluateSpec. Each mistake gets its own message on the
 * line it is about; each of the others simply plots.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
	evaluateSpec,
	formatBlockError,
	parseBlock,
	type ActivationSpec,
	type BlockError,
} from "../../src/block";

interface BadInput {
	name: string;
	body: string;
	/** The 1-based line that every error must name. */
	line: number;
	/** What the message must mention: the key, the value or the fix. */
	mentions: RegExp[];
}

const BAD_INPUTS: BadInput[] = [
	{
		name: "misaligned keys",
		body: "function: relu\n  x: [-2, 2]",
		line: 2,
		mentions: [/indent/i],
	},
	{
		name: "misaligned first key",
		body: "  function: relu\nx: [-2, 2]\nsamples: 5",
		line: 2,
		mentions: [/indent/i],
	},
	{
		name: "unclosed double quote",
		body: 'function: "relu\nx: [-2, 2]',
		line: 1,
		mentions: [/quote/i, /"/],
	},
	{
		name: "unclosed single quote",
		body: "x: [-2, 2]\nfunction: 'x * sigmoid(x)",
		line: 2,
		mentions: [/quote/i],
	},
	{
		name: "empty block",
		body: "",
		line: 1,
		mentions: [/empty/i, /relu|function/],
	},
	{
		name: "blank lines only",
		body: "\n   \n\t\n",
		line: 1,
		mentions: [/empty/i],
	},
	{
		name: "only comments",
		body: "# the ReLU family\n# to be filled in",
		line: 1,
		mentions: [/relu|function/i],
	},
	{
		name: "domain min above max",
		body: "function: relu\nx: [3, -3]",
		line: 2,
		mentions: [/\bx\b/, /3/],
	},
	{
		name: "domain min equal to max",
		body: "function: relu\nsamples: 11\nx: [2, 2]",
		line: 3,
		mentions: [/\bx\b/, /2/],
	},
	{
		name: "samples zero",
		body: "function: relu\nsamples: 0",
		line: 2,
		mentions: [/samples/, /100[,.]?000/],
	},
	{
		name: "samples 1e9",
		body: "function: tanh\nx: [-4, 4]\nsamples: 1e9",
		line: 3,
		mentions: [/samples/, /100[,.]?000/],
	},
	{
		name: "unknown key",
		body: "function: relu\ncolour: red",
		line: 2,
		mentions: [/colour/, /unknown/i],
	},
	{
		name: "unknown key near a known one",
		body: "function: relu\nsample: 101",
		line: 2,
		mentions: [/sample/, /samples/],
	},
	{
		name: "parameter without a value",
		body: "function: a * x\nparams:\n  a:",
		line: 3,
		mentions: [/\ba\b/, /value/i],
	},
	{
		name: "parameter named exp",
		body: "function: x * exp\nparams:\n  exp: 2",
		line: 3,
		mentions: [/exp/],
	},
	{
		name: "parameter named relu",
		body: "function: relu * x\nparams: {relu: 0.5}",
		line: 2,
		mentions: [/relu/],
	},
];

function assertNamesLine(errors: BlockError[], expected: BadInput): void {
	assert.ok(errors.length > 0, `${expected.name}: no error`);
	for (const error of errors) {
		const shown = formatBlockError(error);
		assert.equal(
			error.line,
			expected.line,
			`${expected.name}: error on the wrong line: ${shown}`,
		);
		assert.ok(
			shown.startsWith(`line ${expected.line}: `),
			`${expected.name}: ${shown}`,
		);
		assert.ok(
			error.message.trim().length > 10,
			`${expected.name}: message too short: ${shown}`,
		);
		for (const mention of expected.mentions) {
			assert.match(error.message, mention, `${expected.name}: ${shown}`);
		}
	}
}

for (const input of BAD_INPUTS) {
	test(`bad input: ${input.name}`, () => {
		const result = parseBlock(input.body);
		assert.equal(result.ok, false, `${input.name} parsed as a valid block`);
		if (!result.ok) {
			assertNamesLine(result.errors, input);
			assert.equal(
				result.errors.length,
				1,
				`${input.name}: one mistake, ${result.errors.length} errors: ${result.errors.map(formatBlockError).join(" | ")}`,
			);
		}
	});
}

/** Parses a body that must plot, failing with its errors when it does not. */
function plot(body: string): ActivationSpec {
	const result = parseBlock(body);
	if (!result.ok) {
		assert.fail(
			`expected a chart, got: ${result.errors.map(formatBlockError).join(" | ")}`,
		);
	}
	return result.spec;
}

function valueAt(
	spec: ActivationSpec,
	x: number,
): { value: number; gradient: number } {
	const samples = evaluateSpec(spec).series[0]?.sampled;
	assert.ok(samples !== undefined, "no series");
	const index = samples.x.indexOf(x);
	assert.ok(index >= 0, `x = ${x} is not a grid point`);
	return {
		value: samples.value[index] as number,
		gradient: samples.gradient[index] as number,
	};
}

test("tab-indented block plots", () => {
	const spec = plot(
		"function: swish\nparams:\n\tbeta: {value: 1.5, min: 0, max: 4}\nx: [-4, 4]\nsamples: 9",
	);
	assert.deepEqual(spec.domain, [-4, 4]);
	assert.equal(spec.parameters[0]?.name, "beta");
	assert.equal(spec.parameters[0]?.value, 1.5);
	const { value } = valueAt(spec, 2);
	assert.ok(
		Math.abs(value - 2 / (1 + Math.exp(-3))) < 1e-12,
		`swish(2) with beta 1.5 is ${value}`,
	);
});

test("block indented with tabs plots", () => {
	const spec = plot("\tfunction: relu\n\tx: [-2, 2]\n\tsamples: 5");
	assert.deepEqual(spec.domain, [-2, 2]);
	assert.equal(spec.samples, 5);
});

test("leading minus in function", () => {
	const written = plot("function: -x^2 + 1\nx: [-2, 2]\nsamples: 5");
	assert.equal(valueAt(written, 2).value, -3);
	assert.equal(valueAt(written, 2).gradient, -4);
	const shorthand = plot("-relu(x)");
	assert.equal(valueAt(shorthand, 8).value, -8);
	const list = plot("function:\n  - -x\n  - -tanh(x)\nx: [-1, 1]\nsamples: 3");
	assert.equal(list.functions.length, 2);
	assert.equal(list.functions[0]?.source, "-x");
	assert.equal(list.functions[1]?.source, "-tanh(x)");
});

test("leading minus in x", () => {
	assert.deepEqual(plot("function: relu\nx: [-6, -1]").domain, [-6, -1]);
	assert.deepEqual(plot("function: relu\nx: [ -6 , 6 ]").domain, [-6, 6]);
	assert.deepEqual(plot("function: relu\nx:\n  - -6\n  - 6").domain, [-6, 6]);
	assert.deepEqual(
		plot("function: relu\nx: [-1e-3, 1e-3]").domain,
		[-1e-3, 1e-3],
	);
});

test("abs reports its kink", () => {
	const spec = plot("abs(x)");
	const sampled = evaluateSpec(spec).series[0]?.sampled;
	assert.ok(sampled !== undefined);
	const kink = sampled.kinks.find((candidate) => Math.abs(candidate.x) < 1e-9);
	assert.ok(
		kink !== undefined,
		`no kink at 0 among ${JSON.stringify(sampled.kinks)}`,
	);
	assert.equal(kink.value, 0);
	assert.equal(kink.gradientLeft, -1);
	assert.equal(kink.gradientRight, 1);
	assert.equal(kink.gradient, 0);
});

test("cbrt on negative x", () => {
	const spec = plot("function: cbrt(x)\nx: [-8, 8]\nsamples: 5");
	const sampled = evaluateSpec(spec).series[0]?.sampled;
	assert.ok(sampled !== undefined);
	assert.deepEqual(Array.from(sampled.x), [-8, -4, 0, 4, 8]);
	assert.equal(sampled.value[0], -2);
	assert.ok(Math.abs((sampled.value[1] as number) + Math.cbrt(4)) < 1e-15);
	assert.ok(
		Math.abs((sampled.gradient[0] as number) - 1 / 12) < 1e-15,
		`cbrt'(-8) is ${sampled.gradient[0]}`,
	);
	for (const index of [0, 1, 3, 4]) {
		assert.ok(
			Number.isFinite(sampled.value[index]),
			`value at x = ${sampled.x[index]}`,
		);
		assert.ok(
			Number.isFinite(sampled.gradient[index]),
			`gradient at x = ${sampled.x[index]}`,
		);
	}
});

test("cube root power suggests cbrt", () => {
	const spec = plot("function: x^(1/3)\nx: [-8, 8]\nsamples: 5");
	const result = evaluateSpec(spec);
	const sampled = result.series[0]?.sampled;
	assert.ok(sampled !== undefined);
	assert.ok(
		Number.isNaN(sampled.value[0]),
		`x^(1/3) at -8 is ${sampled.value[0]}, expected a gap`,
	);
	assert.ok(
		Number.isNaN(sampled.value[1]),
		`x^(1/3) at -4 is ${sampled.value[1]}, expected a gap`,
	);
	assert.equal(sampled.value[4], 2);
	assert.ok(
		result.notes.some((note) => /-8|-4/.test(note)),
		`no note says where the gap is: ${JSON.stringify(result.notes)}`,
	);
	assert.ok(
		result.notes.some((note) => note.includes("cbrt(x)")),
		`no note suggests cbrt(x): ${JSON.stringify(result.notes)}`,
	);
});
