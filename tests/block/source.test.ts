import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findShorthand, normalizeSource } from "../../src/block/source";

describe("findShorthand", () => {
	const shorthands: [string, string, number][] = [
		["relu", "relu", 1],
		["x > 0 ? x : 0.1 * x", "x > 0 ? x : 0.1 * x", 1],
		["-x", "-x", 1],
		["f(x) = max(0, x)", "f(x) = max(0, x)", 1],
		["# the classic\n  relu  \n", "relu", 2],
		["relu # a comment", "relu", 1],
		['"x > 0 ? x : 0"', "x > 0 ? x : 0", 1],
	];
	for (const [body, source, line] of shorthands) {
		it(`shorthand ${JSON.stringify(body)}`, () => {
			assert.deepEqual(findShorthand(body), { source, line });
		});
	}

	const yamlBodies = [
		"function: relu",
		"sample: 3",
		"samples:3",
		"{function: relu}",
		"[relu, tanh]",
		"relu\ntanh",
	];
	for (const body of yamlBodies) {
		it(`yaml body ${JSON.stringify(body)}`, () => {
			assert.equal(findShorthand(body), null);
		});
	}
});

describe("normalizeSource", () => {
	it("expands leading tabs", () => {
		const normalized = normalizeSource("params:\n\tbeta: 1\n\t\tx: 2", 2);
		assert.equal(normalized.text, "params:\n  beta: 1\n    x: 2");
	});

	it("expands mixed indent by columns", () => {
		assert.equal(normalizeSource("  \tbeta: 1", 4).text, "    beta: 1");
	});

	it("quotes function value with colon", () => {
		const normalized = normalizeSource(
			"function: x > 0 ? x : 0.1 * x  # leaky",
			2,
		);
		assert.equal(normalized.text, 'function: "x > 0 ? x : 0.1 * x"  # leaky');
	});

	it("leaves quoted function value alone", () => {
		const body = "function: 'x > 0 ? x : 1'";
		assert.equal(normalizeSource(body, 2).text, body);
		assert.equal(normalizeSource(body, 2).changed, false);
	});

	it("adds space after known key", () => {
		assert.equal(
			normalizeSource("samples:3\nbeta:1", 2).text,
			"samples: 3\nbeta:1",
		);
	});

	it("maps offsets back to original", () => {
		const original = "\tfunction: relu\n\tx: [-1, 1]";
		const normalized = normalizeSource(original, 4);
		const offset = normalized.text.indexOf("[-1");
		assert.equal(normalized.toOriginal(offset), original.indexOf("[-1"));
		assert.equal(
			normalized.toOriginal(normalized.text.indexOf("relu")),
			original.indexOf("relu"),
		);
	});
});
