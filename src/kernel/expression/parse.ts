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
import { CONSTANTS, VARIABLE } from "./names";

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

/** How to bring an expression that nests too deeply under MAX_DEPTH. */
export const NESTING_FIX =
	"remove brackets that group a single term, such as ((x)), and call a catalog activation such as sigmoid(x) in place of its nested formula";

/** How to bring an expression with too many nodes under MAX_NODES. */
export const SIZE_FIX =
	"shorten it, for example write 3 * x in place of x + x + x, or call a catalog activation such as gelu(x) in place of its formula";

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
					`expression is nested too deeply: more than ${MAX_DEPTH} levels of brackets; ${NESTING_FIX}`,
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
			`expression is too large: it has ${operators} of the operators + - ^ ? ! and not, ` +
				`and an expression may have at most ${MAX_NODES} nodes (numbers, names, operators and calls) in all; ${SIZE_FIX}`,
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
 * Look-alike characters that PDFs, web pages and word processors put in formulas, with
 * the ASCII the parser reads instead. mathjs 15 fails on most of them with a bare syntax
 * error, and it reads U+00D7 and U+00F7 as letters of a name, as in `2×x`.
 */
const LOOK_ALIKES: ReadonlyMap<string, { name: string; ascii: string }> =
	new Map([
		["\u2212", { name: "MINUS SIGN", ascii: "-" }],
		["\u2012", { name: "FIGURE DASH", ascii: "-" }],
		["\u2013", { name: "EN DASH", ascii: "-" }],
		["\u2014", { name: "EM DASH", ascii: "-" }],
		["\uFF0D", { name: "FULLWIDTH HYPHEN-MINUS", ascii: "-" }],
		["\u00D7", { name: "MULTIPLICATION SIGN", ascii: "*" }],
		["\u00B7", { name: "MIDDLE DOT", ascii: "*" }],
		["\u22C5", { name: "DOT OPERATOR", ascii: "*" }],
		["\u2217", { name: "ASTERISK OPERATOR", ascii: "*" }],
		["\u2219", { name: "BULLET OPERATOR", ascii: "*" }],
		["\u00F7", { name: "DIVISION SIGN", ascii: "/" }],
		["\u2264", { name: "LESS-THAN OR EQUAL TO", ascii: "<=" }],
		["\u2265", { name: "GREATER-THAN OR EQUAL TO", ascii: ">=" }],
		["\u2260", { name: "NOT EQUAL TO", ascii: "!=" }],
		["\u00B2", { name: "SUPERSCRIPT TWO", ascii: "^2" }],
		["\u00B3", { name: "SUPERSCRIPT THREE", ascii: "^3" }],
		["\uFF0C", { name: "FULLWIDTH COMMA", ascii: "," }],
		["\uFF08", { name: "FULLWIDTH LEFT PARENTHESIS", ascii: "(" }],
		["\uFF09", { name: "FULLWIDTH RIGHT PARENTHESIS", ascii: ")" }],
		["\u0445", { name: "CYRILLIC SMALL LETTER HA", ascii: "x" }],
	]);

/**
 * Characters that are not look-alikes but that a formula copied from a page often holds,
 * with what to type instead: Greek letters by name, the radical sign, curly quotes.
 */
const FOREIGN_SYMBOLS: ReadonlyMap<string, { name: string; ascii: string }> =
	new Map([
		...(
			[
				["\u03B1", "alpha"],
				["\u03B2", "beta"],
				["\u03B3", "gamma"],
				["\u03B4", "delta"],
				["\u03B5", "epsilon"],
				["\u03B6", "zeta"],
				["\u03B7", "eta"],
				["\u03B8", "theta"],
				["\u03BA", "kappa"],
				["\u03BB", "lambda"],
				["\u03BC", "mu"],
				["\u03BD", "nu"],
				["\u03BE", "xi"],
				["\u03C0", "pi"],
				["\u03C1", "rho"],
				["\u03C3", "sigma"],
				["\u03C4", "tau"],
				["\u03C6", "phi"],
				["\u03C7", "chi"],
				["\u03C8", "psi"],
				["\u03C9", "omega"],
			] as const
		).map(
			([letter, word]) =>
				[letter, { name: "GREEK SMALL LETTER", ascii: word }] as const,
		),
		["\u221A", { name: "SQUARE ROOT", ascii: "sqrt(...)" }],
		["\u201C", { name: "LEFT DOUBLE QUOTATION MARK", ascii: "" }],
		["\u201D", { name: "RIGHT DOUBLE QUOTATION MARK", ascii: "" }],
		["\u2018", { name: "LEFT SINGLE QUOTATION MARK", ascii: "" }],
		["\u2019", { name: "RIGHT SINGLE QUOTATION MARK", ascii: "" }],
	]);

/** Returns what to type in place of a character the parser does not read, or undefined. */
function replacementOf(
	character: string,
): { name: string; ascii: string } | undefined {
	return LOOK_ALIKES.get(character) ?? FOREIGN_SYMBOLS.get(character);
}

/** Formats a character's code point as users look it up: U+2212. */
function codePoint(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Rejects look-alike characters, naming each distinct one with its first position
 * (1-based, in code points) and the ASCII to type instead. The text is never rewritten,
 * so what the block shows is what was plotted.
 */
function checkLookAlikes(source: string): void {
	const found = new Map<string, number>();
	let position = 0;
	for (const character of source) {
		position += 1;
		if (replacementOf(character) !== undefined && !found.has(character)) {
			found.set(character, position);
		}
	}
	if (found.size === 0) {
		return;
	}

	const listed: string[] = [];
	const fixes: string[] = [];
	for (const [character, at] of found) {
		const replacement = replacementOf(character);
		if (replacement === undefined) {
			continue;
		}
		listed.push(
			`'${character}' (${codePoint(character)} ${replacement.name}) at character ${at}`,
		);
		fixes.push(
			replacement.ascii === ""
				? `remove '${character}'`
				: `type '${replacement.ascii}' in place of '${character}'`,
		);
	}
	const [first] = found.keys();
	const lookAlikesOnly = [...found.keys()].every((character) =>
		LOOK_ALIKES.has(character),
	);
	let description: string;
	if (lookAlikesOnly) {
		description =
			found.size === 1
				? "a typographic look-alike that the parser does not read"
				: "typographic look-alikes that the parser does not read";
	} else {
		description =
			found.size === 1
				? "a character that the parser does not read"
				: "characters that the parser does not read";
	}
	throw new KernelError(
		`expression contains ${joinWords(listed)}, ${description}; ${joinWords(fixes)}`,
		first ?? null,
		first === undefined ? null : (replacementOf(first)?.ascii ?? null),
	);
}

/** Joins phrases as "a", "a and b" or "a, b and c". */
function joinWords(phrases: readonly string[]): string {
	if (phrases.length <= 1) {
		return phrases.join("");
	}
	return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`;
}

/**
 * Parses expression text with mathjs's syntax (implicit multiplication included) after
 * a cheap check of its length and nesting, so that hostile text cannot overflow the
 * stack or run long, and a check for typographic look-alikes of operators such as
 * U+2212. Returns the syntax tree; evaluates nothing.
 */
export function parseExpression(source: string): MathNode {
	checkSourceLength(source);
	if (source.trim() === "") {
		throw new KernelError(
			"expression is empty; write a catalog name such as relu or an expression in x",
		);
	}
	checkNesting(source);
	checkLookAlikes(source);
	checkOneLine(source);
	let tree: MathNode;
	try {
		tree = math.parse(source);
	} catch (error) {
		if (error instanceof RangeError) {
			throw new KernelError(
				`expression is nested too deeply to parse; ${NESTING_FIX}`,
			);
		}
		throw syntaxError(source, error);
	}
	checkProductsBeforeBrackets(source, tree);
	return tree;
}

/** A name followed by an opening bracket, as in a call: `sigmoid(`, `x (`. */
const NAME_BEFORE_BRACKET = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;

/**
 * Rejects a call of the variable or a constant, such as x(x + 1) in 2x(x + 1): mathjs
 * reads a name right before a bracket as a call, where the writer meant a product.
 * Suggests the whole text with `*` inserted before each such bracket.
 */
function checkProductsBeforeBrackets(source: string, tree: MathNode): void {
	const called = tree
		.filter((node) => node.type === "FunctionNode")
		.map((node) => (node as unknown as { fn: { name?: unknown } }).fn.name)
		.find(
			(name): name is string =>
				name === VARIABLE ||
				(typeof name === "string" &&
					Object.prototype.hasOwnProperty.call(CONSTANTS, name)),
		);
	if (called === undefined) {
		return;
	}
	// Each match is a whole name, because a name cannot start in the middle of another.
	const product = source
		.replace(NAME_BEFORE_BRACKET, (match: string, name: string) =>
			name === called ? `${name} * (` : match,
		)
		.trim();
	throw new KernelError(
		`'${called}' is not a function, but it is followed by a bracket, which reads as a call; ` +
			`to multiply, write * before the bracket, as in ${product}`,
		called,
		product,
	);
}

/**
 * Rejects an expression written over several lines, as a YAML `|` block gives it,
 * because mathjs reads each line as a separate statement. Suggests the lines joined
 * into one, in double quotes.
 */
function checkOneLine(source: string): void {
	const lines = source.trim().split(/\s*\n\s*/);
	if (lines.length < 2) {
		return;
	}
	const joined = lines.join(" ");
	throw new KernelError(
		`expression spans ${lines.length} lines, but it must be on one line; ` +
			`write it on one line in double quotes, as in function: ${JSON.stringify(joined)}`,
	);
}

/** The position mathjs reports in a syntax error, "(char 4)", 1-based. */
const ERROR_POSITION = /\s*\(char (\d+)\)$/;

/**
 * Builds the error for text that mathjs cannot parse: its reason, the character where
 * parsing stopped, and one small edit there that makes the text parse, if any. The
 * edits tried are removing that character (a doubled operator, a stray bracket) and,
 * when parsing stopped at the end, adding a missing ")", value or ": 0".
 */
function syntaxError(source: string, error: unknown): KernelError {
	const message = error instanceof Error ? error.message : String(error);
	const match = ERROR_POSITION.exec(message);
	const reason = lowerFirst(message.replace(ERROR_POSITION, ""));
	if (match === null) {
		return new KernelError(`invalid expression '${source}': ${reason}`);
	}

	const position = Number(match[1]);
	const character = source.charAt(position - 1);
	if (character === "") {
		const completed = firstParsing([
			`${source})`,
			`${source} 0`,
			`${source} : 0`,
		]);
		const fix =
			completed === null
				? "write what is missing at the end"
				: `complete it, for example '${completed}'`;
		return new KernelError(
			`invalid expression '${source}': ${reason} after its last character; ${fix}`,
			null,
			completed,
		);
	}

	const repaired = firstParsing([
		source.slice(0, position - 1) + source.slice(position),
	]);
	const fix =
		repaired === null
			? "check the operators and brackets there; a valid expression reads like x > 0 ? x : 0.1 * x"
			: `did you mean '${repaired}'?`;
	return new KernelError(
		`invalid expression '${source}': ${reason} at character ${position} ('${character}'); ${fix}`,
		null,
		repaired,
	);
}

/**
 * Returns the first candidate edit of an expression that mathjs parses, with its runs
 * of white space shortened to one space, or null when none parses.
 */
function firstParsing(candidates: readonly string[]): string | null {
	for (const candidate of candidates) {
		try {
			math.parse(candidate);
			return candidate.replace(/\s+/g, " ").trim();
		} catch {
			// This edit does not parse either; the next one may.
		}
	}
	return null;
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
