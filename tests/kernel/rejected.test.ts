import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
	compileActivation,
	KernelError,
	MAX_DEPTH,
	MAX_NODES,
} from "../../src/kernel/index";

interface Rejection {
	source: string;
	/** A fragment the message must contain. */
	message: string;
	symbol?: string;
	suggestion?: string;
	declared?: string[];
}

const REJECTIONS: Rejection[] = [
	{
		source: "x.constructor",
		message: "property access",
		symbol: "constructor",
	},
	{
		source: "[].constructor",
		message: "property access",
		symbol: "constructor",
	},
	{
		source: 'x.constructor.constructor("return 1")',
		message: "only named functions",
	},
	{
		source: 'x.constructor.constructor("return 1")()',
		message: "invalid expression",
	},
	{
		source: 'x["constructor"]',
		message: "property access",
		symbol: "constructor",
	},
	{ source: 'x["a"]', message: "property access", symbol: "a" },
	{
		source: 'import("fs")',
		message: "unknown function 'import'",
		symbol: "import",
	},
	{
		source: 'evaluate("1")',
		message: "unknown function 'evaluate'",
		symbol: "evaluate",
	},
	{
		source: 'createUnit("foo")',
		message: "unknown function 'createUnit'",
		symbol: "createUnit",
	},
	{
		source: 'parse("x")',
		message: "unknown function 'parse'",
		symbol: "parse",
	},
	{
		source: "compile(x)",
		message: "unknown function 'compile'",
		symbol: "compile",
	},
	{ source: "a = 1", message: "assignment is not allowed", symbol: "a" },
	{ source: "x = 1", message: "assignment is not allowed", symbol: "x" },
	{ source: "[1, 2]", message: "matrices are not allowed" },
	{ source: "[x, x] * 2", message: "matrices are not allowed" },
	{ source: '"s"', message: "strings are not allowed" },
	{ source: 'x + "1"', message: "strings are not allowed" },
	{ source: "{a: 1}", message: "objects are not allowed" },
	{ source: "1:3", message: "ranges are not allowed" },
	{ source: "x; x", message: "single formula" },
	{ source: "foo(x)", message: "unknown function 'foo'", symbol: "foo" },
	{
		source: "sigmod(x)",
		message: "did you mean 'sigmoid'?",
		symbol: "sigmod",
		suggestion: "sigmoid",
	},
	{
		source: "switch",
		message: "unknown activation 'switch'; did you mean 'swish'?",
		symbol: "switch",
		suggestion: "swish",
	},
	{ source: "Relu", message: "did you mean 'relu'?", suggestion: "relu" },
	{
		source: "f(x, y) = x",
		message: "exactly one argument named x",
		symbol: "f",
	},
	{ source: "f(t) = t", message: "exactly one argument named x", symbol: "f" },
	{ source: "f(x) = g(x) = x", message: "function definition is allowed only" },
	{
		source: "sigmoid(x) = x",
		message:
			"definition name 'sigmoid' is already a function; rename the definition, for example to my_sigmoid(x) = ..., or write the expression alone",
		symbol: "sigmoid",
	},
	{
		source: "exp(x) = x",
		message: "definition name 'exp' is already a function",
		symbol: "exp",
	},
	{
		source: "e(x) = x",
		message: "definition name 'e' is already a constant",
		symbol: "e",
	},
	{
		source: "x(x) = x",
		message: "definition name 'x' is already the variable",
		symbol: "x",
	},
	{
		source: "__proto__(x) = x",
		message: "definition name '__proto__' is already a reserved word",
		symbol: "__proto__",
	},
	{
		source: "5 in x",
		message:
			"'in' cannot name a parameter because it is a keyword of the expression syntax; if it is a parameter, rename it to in_0",
		symbol: "in",
	},
	{
		source: "alpha * x",
		message: "declare it under params, for example params: {alpha: 0.25}",
		symbol: "alpha",
	},
	{
		source: "aplha * x",
		message: "did you mean 'alpha'?",
		symbol: "aplha",
		suggestion: "alpha",
		declared: ["alpha"],
	},
	{ source: "y + 1", message: "unknown symbol 'y'", symbol: "y" },
	{ source: "null * x", message: "'null' is not allowed", symbol: "null" },
	{
		source: "undefined + x",
		message: "'undefined' is not allowed",
		symbol: "undefined",
	},
	{ source: "exp + x", message: "'exp' is a function", symbol: "exp" },
	{
		source: "x mod 2",
		message: "operator 'mod' is not supported",
		symbol: "mod",
	},
	{ source: "x!", message: "operator '!' is not supported", symbol: "!" },
	{ source: "x'", message: "operator ''' is not supported" },
	{
		source: "x xor x",
		message: "operator 'xor' is not supported",
		symbol: "xor",
	},
	{ source: "2 cm", message: "unknown symbol 'cm'", symbol: "cm" },
	{
		source: "exp(x, 2)",
		message: "exp takes 1 argument; got 2",
		symbol: "exp",
	},
	{
		source: "max(x)",
		message: "max takes 2 or more arguments; got 1",
		symbol: "max",
	},
	{
		source: "pow(x, 2, 3)",
		message: "pow takes 2 arguments; got 3",
		symbol: "pow",
	},
	{
		source: "relu(x, 1)",
		message: "relu takes x and no parameters",
		symbol: "relu",
	},
	{
		source: "softplus(x, 1, 20, 3)",
		message: "at most its parameters beta, threshold",
		symbol: "softplus",
	},
	{
		source: "leaky_relu(x, x)",
		message: "must not depend on x",
		symbol: "leaky_relu",
	},
	{ source: "", message: "expression is empty" },
	{ source: "x +", message: "invalid expression" },
	{ source: "x".repeat(20_001), message: "expression is too long" },
	{
		source: "(".repeat(MAX_DEPTH + 1) + "x" + ")".repeat(MAX_DEPTH + 1),
		message: "nested too deeply",
	},
	{ source: "-".repeat(19_000) + "x", message: "expression is too large" },
	{ source: "2^".repeat(5_000) + "2", message: "expression is too large" },
	{ source: "x?1:".repeat(4_000) + "0", message: "expression is too large" },
	{ source: "2^".repeat(MAX_DEPTH + 1) + "x", message: "nested too deeply" },
	{
		source: "f(".repeat(1_000) + "x" + ")".repeat(1_000),
		message: "nested too deeply",
	},
	{
		source: Array.from({ length: MAX_NODES }, () => "x").join("+"),
		message: "too large",
	},
	{
		source: "sin(".repeat(MAX_DEPTH) + "x" + ")".repeat(MAX_DEPTH),
		message: "nested too deeply",
	},
];

/**
 * A trap on Object.prototype: any attempt of the interpreter to read a property by a
 * name from the expression would call this getter and raise the flag.
 */
let trapped = false;
const TRAP = "activationChartsTrap";

describe("rejected expressions", () => {
	beforeEach(() => {
		trapped = false;
		Object.defineProperty(Object.prototype, TRAP, {
			configurable: true,
			get() {
				trapped = true;
				return () => {
					trapped = true;
				};
			},
		});
	});

	afterEach(() => {
		delete (Object.prototype as Record<string, unknown>)[TRAP];
	});

	for (const rejection of REJECTIONS) {
		const name =
			rejection.source.length > 40
				? `${rejection.source.slice(0, 30)}...`
				: rejection.source;
		it(`rejects ${JSON.stringify(name)}`, () => {
			let thrown: unknown = null;
			try {
				compileActivation(rejection.source, rejection.declared ?? []);
			} catch (error) {
				thrown = error;
			}
			assert.ok(
				thrown instanceof KernelError,
				`expected a KernelError, got ${String(thrown)}`,
			);
			assert.ok(
				thrown.message.includes(rejection.message),
				`message "${thrown.message}" lacks "${rejection.message}"`,
			);
			assert.doesNotMatch(thrown.message, /line \d/);
			assert.doesNotMatch(thrown.message, /\n/);
			if (rejection.symbol !== undefined) {
				assert.equal(thrown.symbol, rejection.symbol);
			}
			if (rejection.suggestion !== undefined) {
				assert.equal(thrown.suggestion, rejection.suggestion);
			}
		});
	}

	it("never reads trapped properties", () => {
		for (const source of [
			`x.${TRAP}`,
			`x["${TRAP}"]`,
			`${TRAP}(x)`,
			`x.${TRAP}()`,
			TRAP,
		]) {
			assert.throws(() => compileActivation(source), KernelError);
		}
		assert.equal(trapped, false);
	});

	it("accepts sixty nested calls", () => {
		const source = "exp(".repeat(60) + "x" + ")".repeat(60);
		assert.equal(compileActivation(source).kind, "expression");
	});

	it("accepts long flat sums", () => {
		const terms = Array.from({ length: 490 }, (_, i) => `${i} * x`).join(" + ");
		assert.equal(compileActivation(terms).kind, "expression");
		const ones = "x" + " + 1".repeat(999);
		assert.equal(compileActivation(ones).kind, "expression");
	});

	it("renamed definition is accepted", () => {
		const activation = compileActivation("my_sigmoid(x) = x");
		assert.equal(activation.label, "my_sigmoid");
	});

	it("rejects reserved parameter names", () => {
		for (const name of ["exp", "relu", "x", "pi", "e", "and", "__proto__"]) {
			assert.throws(
				() => compileActivation("x", [name]),
				(error: unknown) =>
					error instanceof KernelError && error.symbol === name,
			);
		}
	});
});
