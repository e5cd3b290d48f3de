import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseBlock } from "../../src/block/parse";
import { formatBlockError } from "../../src/block/spec";
import { compileActivation, KernelError } from "../../src/kernel/index";

/** Returns the KernelError that compiling `source` throws. */
function rejection(source: string): KernelError {
	try {
		compileActivation(source);
	} catch (error) {
		assert.ok(error instanceof KernelError, String(error));
		return error;
	}
	assert.fail(`${JSON.stringify(source)} compiled`);
}

/** An expression with one look-alike, its code point and name, and the ASCII to type. */
const LOOK_ALIKES: [string, string, string][] = [
	["max(0, x) \u2212 0.1", "U+2212 MINUS SIGN", "-"],
	["max(0, x) \u2013 0.1", "U+2013 EN DASH", "-"],
	["x \u00D7 sigmoid(x)", "U+00D7 MULTIPLICATION SIGN", "*"],
	["x \u00B7 sigmoid(x)", "U+00B7 MIDDLE DOT", "*"],
	["x \u22C5 sigmoid(x)", "U+22C5 DOT OPERATOR", "*"],
	["x \u2014 1", "U+2014 EM DASH", "-"],
	["x \u00F7 2", "U+00F7 DIVISION SIGN", "/"],
	["x \u2264 0 ? 0 : x", "U+2264 LESS-THAN OR EQUAL TO", "<="],
	["x\u00B2", "U+00B2 SUPERSCRIPT TWO", "^2"],
	["max(0\uFF0C x)", "U+FF0C FULLWIDTH COMMA", ","],
	["sin\uFF08x)", "U+FF08 FULLWIDTH LEFT PARENTHESIS", "("],
	["\u0445 + 1", "U+0445 CYRILLIC SMALL LETTER HA", "x"],
];

/** Expressions with a character that is not a look-alike, and the text to type instead. */
const FOREIGN: [string, string, string][] = [
	["\u03B1 * x", "U+03B1 GREEK SMALL LETTER", "alpha"],
	["\u03C0 * x", "U+03C0 GREEK SMALL LETTER", "pi"],
	["\u221Ax", "U+221A SQUARE ROOT", "sqrt(...)"],
];

describe("expression characters from other scripts", () => {
	for (const [source, described, ascii] of FOREIGN) {
		it(`rejects ${described} in ${source}`, () => {
			const message = rejection(source).message;
			const character = [...source].find((c) => c.charCodeAt(0) > 0x7f);
			assert.ok(message.includes(`(${described})`), message);
			assert.ok(message.includes("a character that the parser does not read"));
			assert.ok(
				message.endsWith(`type '${ascii}' in place of '${character}'`),
				message,
			);
		});
	}

	it("asks to remove curly quotes", () => {
		const message = rejection("\u201Cx\u201D").message;
		assert.ok(message.endsWith("remove '\u201C' and remove '\u201D'"), message);
	});

	it("accepts the suggested ASCII", () => {
		const accepted = compileActivation("alpha * x + sqrt(x)", ["alpha"]);
		assert.equal(accepted.kind, "expression");
	});
});

describe("expression look-alike characters", () => {
	for (const [source, described, ascii] of LOOK_ALIKES) {
		it(`rejects ${described}`, () => {
			const error = rejection(source);
			const character = [...source].find((c) => c.charCodeAt(0) > 0x7f);
			assert.ok(character);
			assert.ok(error.message.includes(`(${described})`), error.message);
			assert.ok(
				error.message.endsWith(`type '${ascii}' in place of '${character}'`),
				error.message,
			);
			assert.equal(error.symbol, character);
			assert.equal(error.suggestion, ascii);
		});

		it(`ASCII twin of ${described} compiles`, () => {
			const character = [...source].find((c) => c.charCodeAt(0) > 0x7f) ?? "";
			const twin = source.replace(character, ascii);
			assert.equal(compileActivation(twin).source, twin);
		});
	}

	it("names the 1-based position", () => {
		const error = rejection("max(0, x) \u2212 0.1");
		assert.equal(
			error.message,
			"expression contains '\u2212' (U+2212 MINUS SIGN) at character 11, a typographic " +
				"look-alike that the parser does not read; type '-' in place of '\u2212'",
		);
	});

	it("lists each distinct character once", () => {
		const error = rejection("x \u00B7 sigmoid(x) \u2212 0.1 \u00B7 x");
		assert.equal(
			error.message,
			"expression contains '\u00B7' (U+00B7 MIDDLE DOT) at character 3 and '\u2212' " +
				"(U+2212 MINUS SIGN) at character 16, typographic look-alikes that the " +
				"parser does not read; type '*' in place of '\u00B7' and type '-' in place of '\u2212'",
		);
	});

	it("non-breaking space still accepted", () => {
		assert.equal(compileActivation("x\u00A0+ 1").kind, "expression");
	});

	it("block error names the line", () => {
		const result = parseBlock(
			"title: pasted\nfunction: 'x \u00B7 sigmoid(x)'\nx: [-4, 4]",
		);
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.equal(result.errors.length, 1);
		const error = result.errors[0];
		assert.equal(error?.key, "function");
		assert.equal(
			formatBlockError(error ?? { line: 0, key: null, message: "" }),
			"line 2: expression contains '\u00B7' (U+00B7 MIDDLE DOT) at character 3, a " +
				"typographic look-alike that the parser does not read; type '*' in place of '\u00B7'",
		);
	});

	it("shorthand error names line 1", () => {
		const result = parseBlock("max(0, x) \u2212 0.1");
		assert.equal(result.ok, false);
		if (result.ok) return;
		assert.equal(result.errors[0]?.line, 1);
		assert.match(result.errors[0]?.message ?? "", /U\+2212 MINUS SIGN/);
	});
});
