import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatBlockError } from "../../src/block/spec";
import { MAX_DEPTH } from "../../src/kernel/index";
import { parseErrors, parseValid } from "./parse-helpers";

/** Returns the single error of a block, checking its line and key. */
function onlyError(body: string, line: number, key: string): string {
	const errors = parseErrors(body);
	assert.equal(errors.length, 1, errors.map(formatBlockError).join("\n"));
	assert.equal(errors[0]?.line, line);
	assert.equal(errors[0]?.key, key);
	return errors[0]?.message ?? "";
}

/** Returns the suggested edit: the text in the last pair of single quotes of a message. */
function quotedSuggestion(message: string): string {
	const match = /'([^']*)'\?*$/.exec(message);
	assert.ok(match !== null, `no suggestion in: ${message}`);
	return match[1] ?? "";
}

describe("syntax error fixes", () => {
	it("doubled operator suggests removal", () => {
		const message = onlyError('function: "x +* 2"', 1, "function");
		assert.equal(
			message,
			"invalid expression 'x +* 2': value expected at character 4 ('*'); did you mean 'x + 2'?",
		);
		parseValid(`function: "${quotedSuggestion(message)}"`);
	});

	it("missing bracket is completed", () => {
		const message = onlyError('function: "(x + 1"', 1, "function");
		assert.match(message, /complete it, for example '\(x \+ 1\)'$/);
		parseValid(`function: "${quotedSuggestion(message)}"`);
	});

	it("unfinished conditional is completed", () => {
		const message = onlyError('function: "x > 0 ? x"', 1, "function");
		assert.match(message, /after its last character/);
		parseValid(`function: "${quotedSuggestion(message)}"`);
	});

	it("stray closing bracket removed", () => {
		const message = onlyError('function: "x + 1)"', 1, "function");
		assert.match(message, /at character 6 \('\)'\)/);
		parseValid(`function: "${quotedSuggestion(message)}"`);
	});
});

describe("product before bracket", () => {
	it("2x(x+1) suggests explicit product", () => {
		const message = onlyError('function: "2x(x+1)"', 1, "function");
		assert.equal(
			message,
			"'x' is not a function, but it is followed by a bracket, which reads as a call; to multiply, write * before the bracket, as in 2x * (x+1)",
		);
		parseValid('function: "2x * (x+1)"');
	});

	it("only the call is rewritten", () => {
		const message = onlyError(
			'function: "max(x, 0) + 2x (x + 1)"',
			1,
			"function",
		);
		assert.match(message, /as in max\(x, 0\) \+ 2x \* \(x \+ 1\)$/);
	});

	it("parameter before bracket", () => {
		const message = onlyError(
			'function: "alpha(x + 1)"\nparams: {alpha: 2}',
			1,
			"function",
		);
		assert.match(message, /as in alpha \* \(x \+ 1\)$/);
		parseValid('function: "alpha * (x + 1)"\nparams: {alpha: 2}');
	});
});

describe("multi-line expression", () => {
	it("literal block gets one-line fix", () => {
		const message = onlyError(
			"title: split\nfunction: |\n  x > 0\n    ? x : 0\n",
			2,
			"function",
		);
		assert.equal(
			message,
			'expression spans 2 lines, but it must be on one line; write it on one line in double quotes, as in function: "x > 0 ? x : 0"',
		);
		parseValid('title: split\nfunction: "x > 0 ? x : 0"');
	});

	it("statements on two lines rejected", () => {
		const message = onlyError("function: |\n  x\n  + 1\n", 1, "function");
		assert.match(message, /as in function: "x \+ 1"$/);
	});
});

describe("size limit messages", () => {
	it("too many operators with fix", () => {
		const message = onlyError(
			`function: "x${" + 1".repeat(2099)}"`,
			1,
			"function",
		);
		assert.equal(
			message,
			"expression is too large: it has 2099 of the operators + - ^ ? ! and not, and an expression may have at most 2000 nodes (numbers, names, operators and calls) in all; shorten it, for example write 3 * x in place of x + x + x, or call a catalog activation such as gelu(x) in place of its formula",
		);
	});

	it("too many nodes with fix", () => {
		const message = onlyError(
			`function: "x${" * x".repeat(1100)}"`,
			1,
			"function",
		);
		assert.match(message, /^expression is too large: more than 2000 nodes/);
		assert.match(message, /shorten it/);
	});

	it("deep brackets with fix", () => {
		const depth = MAX_DEPTH + 1;
		const message = onlyError(
			`function: "${"(".repeat(depth)}x${")".repeat(depth)}"`,
			1,
			"function",
		);
		assert.match(message, /more than 100 levels of brackets; remove brackets/);
		parseValid('function: "x"');
	});

	it("deep powers with fix", () => {
		const message = onlyError(
			`function: "${"2^".repeat(MAX_DEPTH + 1)}x"`,
			1,
			"function",
		);
		assert.match(message, /levels of operators and calls; write fewer/);
	});
});

describe("nested params field lines", () => {
	it("step 0 reported on step line", () => {
		const message = onlyError(
			'function: "a * x"\nparams:\n  a:\n    value: 1\n    step: 0\n',
			5,
			"params",
		);
		assert.match(message, /step 0 must be above 0/);
		parseValid(
			'function: "a * x"\nparams:\n  a:\n    value: 1\n    step: 0.02\n',
		);
	});

	it("value outside range on value line", () => {
		onlyError(
			'function: "a * x"\nparams:\n  a:\n    min: 0\n    max: 1\n    value: 9\n',
			6,
			"params",
		);
	});
});
