/**
 * Property tests of the block parser and evaluator: every generated body either parses
 * into a spec that samples cleanly or fails with errors on real lines, in bounded time.
 * FUZZ_SEED=n repeats a run; FUZZ_RUNS=n scales every property's run count.
 */
import { test } from "node:test";
import fc from "fast-check";
import {
	expressionText,
	mutatedBlock,
	rawBlock,
	structuredBlock,
	wellFormedBlock,
} from "./arbitraries";
import { checkBlock } from "./check";
import { assertProperty } from "./property";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

function checkAll(arbitrary: fc.Arbitrary<string>, runs: number): void {
	assertProperty(
		fc.property(arbitrary, (text) => {
			const outcome = checkBlock(text);
			if (outcome.problem !== null) {
				throw new Error(outcome.problem);
			}
		}),
		{ seed: SEED, numRuns: Math.round(runs * SCALE) },
	);
}

test("well-formed blocks plot or fail cleanly", () => {
	checkAll(wellFormedBlock, 700);
});

test("structured blocks plot or fail cleanly", () => {
	checkAll(structuredBlock, 800);
});

test("mutated blocks plot or fail cleanly", () => {
	checkAll(mutatedBlock, 800);
});

test("expression shorthand plots or fails cleanly", () => {
	checkAll(expressionText, 600);
});

test("raw text fails cleanly", () => {
	checkAll(rawBlock, 600);
});
