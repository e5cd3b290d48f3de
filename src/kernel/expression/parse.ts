import {
	create,
	createAccessorNode,
	createArrayNode,
	createAssignmentNode,
	createBlockNode,
	createConditionalNode,
	createConstantNode,
	createFunctionAssignmentNode,
	createFunctionNode,
	createIndexNode,
	createNode,
	createObjectNode,
	createOperatorNode,
	createParenthesisNode,
	createParse,
	createRangeNode,
	createRelationalNode,
	createSymbolNode,
	createTyped,
	factory,
	type MathNode,
} from "mathjs";
import { KernelError } from "../errors";

/** The longest expression text accepted, far above what 2,000 nodes need in practice. */
export const MAX_SOURCE_LENGTH = 20_000;

/**
 * Functions that mathjs's node classes reach only when compiled or evaluated. The kernel
 * never does either, and these stand-ins throw so that no path through them can run.
 */
function unavailable(name: string): () => never {
	return () => {
		throw new Error(`'${name}' is not available in the kernel's parser`);
	};
}

/*
 * A mathjs instance with only the parser and the node classes: no evaluate, compile,
 * units, matrices or big numbers. Number literals become plain JavaScript numbers.
 */
const math = create({
	createTyped,
	createParse,
	createNode,
	createAccessorNode,
	createArrayNode,
	createAssignmentNode,
	createBlockNode,
	createConditionalNode,
	createConstantNode,
	createFunctionAssignmentNode,
	createSymbolNode,
	createFunctionNode,
	createIndexNode,
	createObjectNode,
	createOperatorNode,
	createParenthesisNode,
	createRangeNode,
	createRelationalNode,
	createSubset: factory("subset", [], () => unavailable("subset")),
	createSize: factory("size", [], () => unavailable("size")),
	createIsBounded: factory(
		"isBounded",
		[],
		() => (x: unknown) => Number.isFinite(x),
	),
	createNumeric: factory("numeric", [], () => (text: string) => Number(text)),
	createResultSet: factory("ResultSet", [], () => unavailable("ResultSet")),
});

/** The most nodes an expression may have. */
export const MAX_NODES = 2000;

/** The deepest an expression may nest, in brackets or in syntax tree levels. */
export const MAX_DEPTH = 100;

const OPENING = new Set(["(", "[", "{"]);
const CLOSING = new Set([")", "]", "}"]);

/** Number literals, whose exponent signs are not operators: 1e-5, 2.5E+3. */
const NUMBER_LITERAL = /\d*\.?\d+(?:[eE][-+]?\d+)?/g;

/** Operators that may chain into recursion in the parser: -x, a^b, a ? b : c, x!, not x. */
const CHAINING_OPERATOR = /[-+^?!]|\bnot\b/g;

/**
 * Rejects text whose parse could recurse deeply, because mathjs's recursive-descent
 * parser spends several stack frames on each level. Bracket depth is limited to
 * MAX_DEPTH. Prefix and right-associative operators (`- - x`, `2^2^2`, nested `?:`)
 * also nest, so their total count is limited to MAX_NODES, which any valid expression
 * satisfies because each of them is a node. One linear pass per check.
 */
function checkNesting(source: string): void {
	let depth = 0;
	for (const character of source) {
		if (OPENING.has(character)) {
			depth += 1;
			if (depth > MAX_DEPTH) {
				throw new KernelError(
					`expression is nested too deeply: more than ${MAX_DEPTH} levels of brackets`,
				);
			}
		} else if (CLOSING.has(character)) {
			depth = Math.max(0, depth - 1);
		}
	}
	const operators =
		source.replace(NUMBER_LITERAL, "0").match(CHAINING_OPERATOR)?.length ?? 0;
	if (operators > MAX_NODES) {
		throw new KernelError(
			`expression is too large: ${operators} operators, at most ${MAX_NODES} nodes in all`,
		);
	}
}

/** Rejects text longer than MAX_SOURCE_LENGTH before any other work on it. */
export function checkSourceLength(source: string): void {
	if (source.length > MAX_SOURCE_LENGTH) {
		throw new KernelError(
			`expression is too long: ${source.length} characters, at most ${MAX_SOURCE_LENGTH}`,
		);
	}
}

/**
 * Parses expression text with mathjs's syntax (implicit multiplication included) after
 * a cheap check of its length and nesting, so that hostile text cannot overflow the
 * stack or run long. Returns the syntax tree; evaluates nothing.
 */
export function parseExpression(source: string): MathNode {
	checkSourceLength(source);
	if (source.trim() === "") {
		throw new KernelError(
			"expression is empty; write a catalog name such as relu or an expression in x",
		);
	}
	checkNesting(source);
	try {
		return math.parse(source);
	} catch (error) {
		if (error instanceof RangeError) {
			throw new KernelError("expression is nested too deeply to parse");
		}
		const reason = error instanceof Error ? error.message : String(error);
		throw new KernelError(`invalid expression: ${lowerFirst(reason)}`);
	}
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
