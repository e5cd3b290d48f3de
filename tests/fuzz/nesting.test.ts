/**
 * Deeply nested blocks, each in turn in one process, because a parser that recurses
 * once per level can overflow the stack or abort the process; each must end in an error
 * or a chart like any other block.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { deepExpressionText } from "./arbitraries";
import { checkBlock } from "./check";
import { assertProperty } from "./property";

const DEPTHS = [99, 100, 101, 500, 1000, 1100, 1500, 3000];

/** Openers and closers that nest: YAML flow lists and maps, and expression syntax. */
const NESTINGS: [string, string, string][] = [
	["yaml flow list", "[", "]"],
	["yaml flow map", "{a: ", "}"],
	["function flow list", "function: [", "]"],
	["brackets", "(", ")"],
	["calls", "sin(", ")"],
	["powers", "2^", ""],
	["negations", "-", ""],
	["yaml block lists", "- ", ""],
];

for (const [name, opener, closer] of NESTINGS) {
	test(`deep ${name} end cleanly`, () => {
		for (const depth of DEPTHS) {
			const text = opener.repeat(depth) + "x" + closer.repeat(depth);
			const outcome = checkBlock(text);
			assert.equal(outcome.problem, null, `depth ${depth}: ${outcome.problem}`);
		}
	});
}

test("deep indented maps end cleanly", () => {
	for (const depth of DEPTHS) {
		const lines = Array.from(
			{ length: depth },
			(_, level) => `${"  ".repeat(level)}a:`,
		);
		const text = `function: relu\nparams:\n${lines.join("\n")} 1`;
		const outcome = checkBlock(text);
		assert.equal(outcome.problem, null, `depth ${depth}: ${outcome.problem}`);
	}
});

test("random deep nesting ends cleanly", () => {
	assertProperty(
		fc.property(deepExpressionText, (text) => {
			const outcome = checkBlock(text);
			if (outcome.problem !== null) {
				throw new Error(outcome.problem);
			}
		}),
		{ seed: Number(process.env.FUZZ_SEED ?? 20261204), numRuns: 150 },
	);
});
