import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseBlock } from "../../src/block/parse";
import {
	DEFAULT_BLOCK_DEFAULTS,
	formatBlockError,
	type BlockError,
} from "../../src/block/spec";
import { parseErrors, parseValid } from "./parse-helpers";

describe("parseBlock documented examples", () => {
	it("relu shorthand", () => {
		const spec = parseValid("relu");
		assert.equal(spec.shorthand, true);
		assert.equal(spec.functions.length, 1);
		assert.equal(spec.functions[0]?.source, "relu");
		assert.equal(spec.functions[0]?.activation.kind, "catalog");
		assert.equal(spec.functions[0]?.line, 1);
		assert.equal(spec.title, "relu");
		assert.deepEqual(spec.domain, DEFAULT_BLOCK_DEFAULTS.domain);
		assert.equal(spec.samples, DEFAULT_BLOCK_DEFAULTS.samples);
		assert.deepEqual(spec.show, ["value", "gradient"]);
		assert.equal(spec.layout, "side-by-side");
		assert.deepEqual(spec.at, []);
		assert.deepEqual(spec.parameters, []);
		assert.equal(spec.y, null);
		assert.equal(spec.gradientY, null);
	});

	it("conditional expression shorthand", () => {
		const spec = parseValid("x > 0 ? x : 0.1 * x");
		assert.equal(spec.shorthand, true);
		assert.equal(spec.functions[0]?.source, "x > 0 ? x : 0.1 * x");
		assert.equal(spec.functions[0]?.activation.kind, "expression");
	});

	it("swish with slider range", () => {
		const spec = parseValid(
			"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]\nat: [0, 1.5]",
		);
		assert.equal(spec.shorthand, false);
		assert.deepEqual(spec.domain, [-6, 6]);
		assert.deepEqual(spec.at, [0, 1.5]);
		assert.equal(spec.parameters.length, 1);
		const beta = spec.parameters[0];
		assert.equal(beta?.name, "beta");
		assert.equal(beta?.value, 1);
		assert.equal(beta?.min, 0);
		assert.equal(beta?.max, 4);
		assert.equal(beta?.explicit, true);
		assert.ok((beta?.step ?? 0) > 0);
	});

	it("sigmoid and tanh overlay", () => {
		const spec = parseValid("function: [sigmoid, tanh]\nlayout: overlay");
		assert.deepEqual(
			spec.functions.map((fn) => fn.source),
			["sigmoid", "tanh"],
		);
		assert.equal(spec.layout, "overlay");
		assert.equal(spec.title, "sigmoid, tanh");
	});

	it("named expression with parameter", () => {
		const spec = parseValid(
			'function: "f(x) = max(0, x) + alpha * min(0, x)"\nparams: {alpha: 0.25}',
		);
		assert.equal(spec.functions[0]?.activation.kind, "expression");
		assert.equal(spec.functions[0]?.activation.label, "f");
		assert.equal(spec.title, "f");
		const alpha = spec.parameters[0];
		assert.equal(alpha?.name, "alpha");
		assert.equal(alpha?.value, 0.25);
		assert.ok(
			(alpha?.min ?? 1) <= 0.25 && (alpha?.max ?? 0) >= 0.25,
			"range contains the value",
		);
		assert.ok((alpha?.min ?? 0) < (alpha?.max ?? 0));
	});

	it("every key set", () => {
		const spec = parseValid(
			[
				"function: leaky_relu",
				"params: {negative_slope: 0.2}",
				"x: [-3, 3]",
				"samples: 11",
				"y: [-1, 3]",
				"gradient-y: [0, 1.5]",
				"show: gradient",
				"layout: stacked",
				"at: 1",
				"annotate: [kinks, max-gradient]",
				"caption: true",
				"title: Leaky ReLU",
			].join("\n"),
		);
		assert.deepEqual(spec.domain, [-3, 3]);
		assert.equal(spec.samples, 11);
		assert.deepEqual(spec.y, [-1, 3]);
		assert.deepEqual(spec.gradientY, [0, 1.5]);
		assert.deepEqual(spec.show, ["gradient"]);
		assert.equal(spec.layout, "stacked");
		assert.deepEqual(spec.at, [1]);
		assert.deepEqual(spec.annotate, ["kinks", "max-gradient"]);
		assert.equal(spec.caption, true);
		assert.equal(spec.title, "Leaky ReLU");
		assert.equal(spec.parameters[0]?.value, 0.2);
	});

	it("annotate none", () => {
		assert.deepEqual(parseValid("function: relu\nannotate: none").annotate, []);
	});

	it("catalog defaults fill parameters", () => {
		const spec = parseValid("function: [leaky_relu, elu]");
		const names = spec.parameters.map((parameter) => parameter.name);
		assert.deepEqual(names, ["negative_slope", "alpha"]);
		assert.equal(spec.parameters[0]?.value, 0.01);
		assert.equal(spec.parameters[0]?.explicit, false);
		assert.equal(spec.parameters[1]?.value, 1);
	});

	it("block defaults apply", () => {
		const defaults = {
			...DEFAULT_BLOCK_DEFAULTS,
			domain: [-2, 2] as [number, number],
			samples: 51,
			caption: true,
		};
		const result = parseBlock("relu", defaults);
		assert.ok(result.ok);
		assert.deepEqual(result.spec.domain, [-2, 2]);
		assert.equal(result.spec.samples, 51);
		assert.equal(result.spec.caption, true);
	});
});

describe("parseBlock example note kinds", () => {
	const bodies = [
		"relu",
		"function: prelu\nparams: {alpha: 0.25}",
		"function: max(0, x) + alpha * min(0, x)\nparams: {alpha: 0.25}",
		"sigmoid",
		"function: 1 / (1 + exp(-x))\nat: 0",
		"tanh",
		"function: [sigmoid, tanh]\nlayout: overlay",
		"gelu",
		"function: swish\nparams: {beta: 1}",
		"function: x * sigmoid(beta * x)\nparams:\n  beta: {value: 1, min: 0, max: 4}",
	];
	for (const body of bodies) {
		it(`plots ${JSON.stringify(body)}`, () => {
			const spec = parseValid(body);
			assert.ok(spec.functions.length >= 1);
		});
	}
});

describe("parseBlock pasted input", () => {
	const bodies: [string, string][] = [
		[
			"tab-indented params",
			"function: swish\nparams:\n\tbeta: 1.5\nx:\t[-6, 6]",
		],
		["every line tab-indented", "\tfunction: relu\n\tx: [-1, 1]"],
		[
			"tabs and four spaces",
			"function: [swish, softplus]\nparams:\n    beta: 1\n\tthreshold: 10",
		],
		["leading minus shorthand", "-x"],
		["leading minus function", "function: -relu(x)"],
		["negative domain", "function: relu\nx: [-6, -1]"],
		["abs shorthand", "abs(x)"],
		["cbrt shorthand", "cbrt(x)"],
		["named shorthand", "f(x) = max(0, x)"],
		["unquoted conditional", "function: x > 0 ? x : 0.1 * x\nx: [-2, 2]"],
		["key without space", "function:relu\nsamples:11"],
		["windows line ends", "function: relu\r\nx: [-2, 2]\r\n"],
		[
			"comment lines",
			"# ReLU\nfunction: relu # the classic\n\n# wide\nx: [-10, 10]",
		],
		["flow map body", "{function: relu, samples: 5}"],
		["block list of functions", "function:\n  - sigmoid\n  - tanh"],
	];
	for (const [name, body] of bodies) {
		it(name, () => {
			const spec = parseValid(body);
			assert.ok(spec.functions.length >= 1);
		});
	}

	it("tab-indented value kept", () => {
		const spec = parseValid(
			"function: swish\nparams:\n\tbeta: 1.5\nx:\t[-6, 6]",
		);
		assert.equal(spec.parameters[0]?.value, 1.5);
		assert.deepEqual(spec.domain, [-6, 6]);
	});

	it("unquoted conditional keeps source", () => {
		const spec = parseValid("function: x > 0 ? x : 0.1 * x  # leaky");
		assert.equal(spec.functions[0]?.source, "x > 0 ? x : 0.1 * x");
	});

	it("samples 100000 accepted", () => {
		assert.equal(
			parseValid("function: relu\nsamples: 100000").samples,
			100_000,
		);
	});
});

/** A bad block, the line and key of the error expected, and words its message contains. */
type ErrorCase = [
	name: string,
	body: string,
	line: number,
	key: string | null,
	words: string[],
];

const ERROR_CASES: ErrorCase[] = [
	[
		"key indented under value",
		"function: swish\nparams:\n  beta: 1\n   alpha: 2",
		4,
		"alpha",
		["indent"],
	],
	["top key indented", "function: relu\n x: [-6, 6]", 2, "x", ["indent"]],
	[
		"shorthand above other keys",
		"relu\nsamples: 3",
		1,
		null,
		["not a key", "function: relu"],
	],
	[
		"key indented less",
		"function: swish\nparams:\n    beta: 1\n  alpha: 2",
		4,
		"alpha",
		["indented 2 spaces"],
	],
	[
		"unclosed double quote",
		'function: "relu\nx: [-6, 6]',
		1,
		"function",
		["unclosed quote", '"'],
	],
	[
		"unclosed single quote",
		"x: [-6, 6]\nfunction: 'relu",
		2,
		"function",
		["unclosed quote"],
	],
	[
		"unclosed bracket",
		"function: relu\nx: [-6, 6\nsamples: 3",
		2,
		"x",
		["unclosed '['", "]"],
	],
	["empty block", "", 1, null, ["the block is empty", "relu"]],
	["blank lines only", "  \n\n", 1, null, ["the block is empty"]],
	[
		"comments only",
		"# relu\n# tanh",
		1,
		null,
		["the block is empty", "function: <expression>"],
	],
	[
		"domain min above max",
		"function: relu\nx: [6, -6]",
		2,
		"x",
		["not below", "x: [-6, 6]"],
	],
	["domain min equals max", "function: relu\nx: [1, 1]", 2, "x", ["not below"]],
	["domain infinite", "function: relu\nx: [-.inf, 6]", 2, "x", ["finite"]],
	["domain not list", "function: relu\nx: 6", 2, "x", ["[min, max]"]],
	[
		"domain three numbers",
		"function: relu\nx: [1, 2, 3]",
		2,
		"x",
		["two numbers"],
	],
	[
		"samples zero",
		"function: relu\nsamples: 0",
		2,
		"samples",
		["2 to 100000", "not 0"],
	],
	[
		"samples one billion",
		"function: relu\nsamples: 1e9",
		2,
		"samples",
		["not 1e9"],
	],
	[
		"samples fraction",
		"function: relu\nsamples: 10.5",
		2,
		"samples",
		["whole number"],
	],
	["samples text", "function: relu\nsamples: many", 2, "samples", ["not many"]],
	[
		"unknown key",
		"function: relu\nsample: 3",
		2,
		"sample",
		["unknown key 'sample'", "did you mean 'samples'?"],
	],
	[
		"unknown key far",
		"function: relu\ncolour: red",
		2,
		"colour",
		["unknown key 'colour'", "the keys are"],
	],
	[
		"duplicate key",
		"function: relu\nsamples: 3\nsamples: 4",
		3,
		"samples",
		["duplicate key 'samples'", "line 2"],
	],
	[
		"parameter without value",
		"function: swish\nparams: {beta: }",
		2,
		"params",
		["'beta'", "no value"],
	],
	[
		"parameter block no value",
		"function: swish\nparams:\n  beta:",
		3,
		"params",
		["'beta'", "no value"],
	],
	[
		"parameter named exp",
		"function: x * sigmoid(exp * x)\nparams: {exp: 1}",
		2,
		"params",
		["'exp'", "rename"],
	],
	[
		"parameter named relu",
		"function: max(0, relu * x)\nparams:\n  relu: 1",
		3,
		"params",
		["'relu'", "rename"],
	],
	["parameter named x", "function: relu\nparams: {x: 1}", 2, "params", ["'x'"]],
	[
		"parameter not used",
		"function: relu\nparams: {alpha: 1}",
		2,
		"params",
		["no function uses parameter 'alpha'"],
	],
	[
		"parameter typo",
		"function: swish\nparams: {betta: 1}",
		2,
		"params",
		["did you mean 'beta'?"],
	],
	[
		"parameter above range",
		"function: swish\nparams:\n  beta: {value: 5, min: 0, max: 4}",
		3,
		"params",
		["outside its range"],
	],
	[
		"parameter range reversed",
		"function: swish\nparams:\n  beta: {value: 1, min: 4, max: 0}",
		3,
		"params",
		["not below max"],
	],
	[
		"parameter unknown field",
		"function: swish\nparams:\n  beta: {value: 1, maxx: 4}",
		3,
		"params",
		["did you mean 'max'?"],
	],
	[
		"parameter text value",
		"function: swish\nparams: {beta: big}",
		2,
		"params",
		["'beta'", "not big"],
	],
	[
		"params not map",
		"function: swish\nparams: 3",
		2,
		"params",
		["map names to values"],
	],
	[
		"unknown activation",
		"switch",
		1,
		"function",
		["unknown", "'switch'", "did you mean 'swish'?"],
	],
	[
		"unknown activation key",
		"# note\nfunction: switch",
		2,
		"function",
		["'switch'", "'swish'"],
	],
	[
		"unknown list item",
		"function:\n  - sigmoid\n  - switch",
		3,
		"function",
		["'switch'"],
	],
	["unknown flow item", "function: [sigmoid, tahn]", 1, "function", ["'tahn'"]],
	[
		"unknown symbol",
		"function: x * sigmoid(beta * x)",
		1,
		"function",
		["'beta'"],
	],
	[
		"missing function",
		"x: [-6, 6]\nsamples: 3",
		1,
		"function",
		["no function"],
	],
	["empty function", "function:\nsamples: 3", 1, "function", ["no value"]],
	[
		"at outside domain",
		"function: relu\nx: [-2, 2]\nat: [0, 3]",
		3,
		"at",
		["at: 3", "[-2, 2]"],
	],
	[
		"at item outside default",
		"function: relu\nat:\n  - 0\n  - 9",
		4,
		"at",
		["at: 9", "[-8, 8]"],
	],
	[
		"at not number",
		"function: relu\nat: zero",
		2,
		"at",
		["not a finite number"],
	],
	[
		"show unknown",
		"function: relu\nshow: values",
		2,
		"show",
		["did you mean 'value'?"],
	],
	[
		"layout unknown",
		"function: relu\nlayout: overlap",
		2,
		"layout",
		["did you mean 'overlay'?"],
	],
	[
		"annotate unknown",
		"function: relu\nannotate: kink",
		2,
		"annotate",
		["did you mean 'kinks'?"],
	],
	[
		"annotate none mixed",
		"function: relu\nannotate: [none, kinks]",
		2,
		"annotate",
		["none"],
	],
	[
		"caption not boolean",
		"function: relu\ncaption: yes",
		2,
		"caption",
		["true or false"],
	],
	["title empty", "function: relu\ntitle:", 2, "title", ["title"]],
	["y reversed", "function: relu\ny: [1, 0]", 2, "y", ["not below"]],
	[
		"gradient-y not list",
		"function: relu\ngradient-y: 1",
		2,
		"gradient-y",
		["[min, max]"],
	],
	["body is list", "- relu\n- tanh", 1, null, ["function: [sigmoid, tanh]"]],
	["two plain lines", "relu\ntanh", 1, null, ["key: value"]],
	[
		"list item with colon",
		"function:\n  - x > 0 ? x : 0.1 * x",
		2,
		"function",
		["quotes"],
	],
];

describe("parseBlock errors", () => {
	for (const [name, body, line, key, words] of ERROR_CASES) {
		it(name, () => {
			const errors = parseErrors(body);
			const error = errors.find(
				(candidate) => candidate.line === line && candidate.key === key,
			);
			const listed = errors.map(
				(candidate) => `${candidate.key ?? "-"} ${formatBlockError(candidate)}`,
			);
			assert.ok(
				error,
				`no error at line ${line} with key ${key}; got:\n${listed.join("\n")}`,
			);
			for (const word of words) {
				assert.ok(
					error.message.includes(word),
					`'${word}' missing from: ${error.message}`,
				);
			}
			assert.ok(!error.message.includes("\n"), "message is one line");
			assert.ok(
				!/^line \d/.test(error.message),
				"message leaves the line number to the formatter",
			);
		});
	}

	it("collects independent errors", () => {
		const errors = parseErrors(
			"function: relu\nsample: 3\nx: [6, -6]\ncaption: yes",
		);
		assert.deepEqual(
			errors.map((error) => [error.line, error.key]),
			[
				[2, "sample"],
				[3, "x"],
				[4, "caption"],
			],
		);
	});

	it("reports each bad function", () => {
		const errors = parseErrors("function: [switch, tahn]");
		assert.equal(errors.length, 2);
	});

	it("formats documented message", () => {
		const errors = parseErrors("switch");
		assert.equal(
			formatBlockError(errors[0] as BlockError),
			"line 1: unknown activation 'switch'; did you mean 'swish'?",
		);
	});

	it("survives hostile input", () => {
		const bodies = [
			"function: *alias",
			"&a [1, 2]",
			"function: !!binary abc",
			"---\n---",
			"{",
			"function: [",
			"\u0000",
		];
		for (const body of bodies) {
			const result = parseBlock(body);
			assert.equal(typeof result.ok, "boolean");
		}
	});
});

describe("parseBlock parameter ranges", () => {
	it("catalog range widens to value", () => {
		const beta = parseValid("function: swish\nparams: {beta: 10}")
			.parameters[0];
		assert.equal(beta?.value, 10);
		assert.ok((beta?.max ?? 0) >= 10);
		assert.ok((beta?.min ?? 1) <= 0);
	});

	it("catalog range kept for default", () => {
		const spec = parseValid("leaky_relu");
		const slope = spec.parameters[0];
		assert.equal(slope?.name, "negative_slope");
		assert.equal(slope?.explicit, false);
		assert.ok((slope?.min ?? 1) <= 0.01, `slider min ${slope?.min}`);
		assert.ok((slope?.max ?? 0) >= 0.01, `slider max ${slope?.max}`);
	});

	it("expression range around negative value", () => {
		const shift = parseValid("function: x + shift\nparams: {shift: -3}")
			.parameters[0];
		assert.equal(shift?.value, -3);
		assert.ok((shift?.min ?? 0) <= -3);
		assert.equal(shift?.max, 0);
	});

	it("partial range keeps value inside", () => {
		const alpha = parseValid(
			"function: alpha * x\nparams:\n  alpha: {value: 3, min: 2}",
		).parameters[0];
		assert.equal(alpha?.min, 2);
		assert.ok((alpha?.max ?? 0) > 3);
	});

	it("explicit step kept", () => {
		const beta = parseValid(
			"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4, step: 0.5}",
		).parameters[0];
		assert.equal(beta?.step, 0.5);
	});

	it("step above range rejected", () => {
		const errors = parseErrors(
			"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4, step: 5}",
		);
		assert.equal(errors[0]?.line, 3);
		assert.match(errors[0]?.message ?? "", /step 5/);
	});
});

describe("parseBlock deep nesting", () => {
	it("deep flow maps rejected", () => {
		const errors = parseErrors(
			`function: relu\nparams: ${"{a: ".repeat(2000)}1${"}".repeat(2000)}`,
		);
		assert.equal(errors[0]?.line, 2);
		assert.match(errors[0]?.message ?? "", /nest more than \d+ levels/);
	});

	it("deep one-line list rejected", () => {
		const errors = parseErrors(`function: relu\nat:\n  ${"- ".repeat(3000)}1`);
		assert.equal(errors[0]?.line, 3);
	});
});

describe("parseBlock arbitrary text", () => {
	it("never throws", () => {
		const alphabet = fc.constantFrom(
			..."function:params x[]{},-#'\"\t\n 01e.relu?:*&!|>".split(""),
		);
		fc.assert(
			fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (body) => {
				const result = parseBlock(body);
				if (result.ok) {
					return;
				}
				const lineCount = body.split(/\r?\n/).length;
				assert.ok(result.errors.length > 0);
				for (const error of result.errors) {
					assert.ok(
						error.line >= 1 && error.line <= lineCount,
						`line ${error.line} of ${lineCount}`,
					);
					assert.ok(error.message.length > 0);
					assert.ok(!error.message.includes("\n"), error.message);
				}
			}),
			{ numRuns: 300 },
		);
	});
});
