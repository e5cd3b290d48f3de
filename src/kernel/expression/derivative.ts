import type { MathNode } from "mathjs";
import { findCatalogEntry } from "../catalog";
import type { CatalogEntry } from "../catalog/entry";
import { BINARY_FUNCTIONS, UNARY_FUNCTIONS, VARIABLE } from "./names";

/**
 * A formula in the shape the caption shows: the symbolic derivative of an expression is
 * built from these terms, simplified as it is built, and then written as LaTeX.
 */
export type Term =
	| { readonly kind: "number"; readonly value: number }
	/** x, a parameter, pi or e. */
	| { readonly kind: "symbol"; readonly name: string }
	| {
			readonly kind: "sum";
			readonly left: Term;
			readonly right: Term;
			readonly subtract: boolean;
	  }
	| { readonly kind: "product"; readonly left: Term; readonly right: Term }
	| {
			readonly kind: "quotient";
			readonly numerator: Term;
			readonly denominator: Term;
	  }
	| { readonly kind: "power"; readonly base: Term; readonly exponent: Term }
	| { readonly kind: "negate"; readonly argument: Term }
	/** A function call; `prime` marks the derivative of a catalog activation, f'(u). */
	| {
			readonly kind: "call";
			readonly name: string;
			readonly args: readonly Term[];
			readonly prime: boolean;
	  }
	/** A comparison, worth 1 where it is true and 0 elsewhere. */
	| {
			readonly kind: "compare";
			readonly operator: Comparison;
			readonly left: Term;
			readonly right: Term;
	  }
	| {
			readonly kind: "logic";
			readonly operator: "and" | "or" | "not";
			readonly args: readonly Term[];
	  }
	/** LaTeX taken as it is: a catalog entry's own gradient formula. */
	| { readonly kind: "tex"; readonly tex: string }
	/** Piecewise: the first piece whose condition is true applies. A null condition means "otherwise". */
	| { readonly kind: "cases"; readonly pieces: readonly Piece[] };

export type Comparison = "<" | ">" | "<=" | ">=" | "==" | "!=";

export interface Piece {
	readonly value: Term;
	readonly when: Term | null;
}

/** Expressions larger than this get no symbolic gradient: its formula would not be read. */
const MAX_TERMS = 300;

/**
 * Derivatives larger than this, counted in written terms, are abandoned as soon as they
 * pass it. Each term writes at least one character, so such a formula would pass
 * MAX_GRADIENT_TEX anyway, and nested max or min would otherwise grow threefold a level.
 */
const MAX_DERIVATIVE_TERMS = 800;

/** A gradient formula longer than this is left to the caption's sentence instead. */
export const MAX_GRADIENT_TEX = 800;

const COMPARISONS: Readonly<Record<string, Comparison>> = {
	smaller: "<",
	larger: ">",
	smallerEq: "<=",
	largerEq: ">=",
	equal: "==",
	unequal: "!=",
};

/** The comparison with the same meaning once its operands swap places: 0 < x is x > 0. */
const MIRROR: Readonly<Record<Comparison, Comparison>> = {
	"<": ">",
	">": "<",
	"<=": ">=",
	">=": "<=",
	"==": "==",
	"!=": "!=",
};

const ZERO: Term = { kind: "number", value: 0 };
const ONE: Term = { kind: "number", value: 1 };

function num(value: number): Term {
	return { kind: "number", value };
}

function call(name: string, ...args: Term[]): Term {
	return { kind: "call", name, args, prime: false };
}

function isNumber(term: Term, value?: number): boolean {
	return (
		term.kind === "number" && (value === undefined || term.value === value)
	);
}

/**
 * Folds arithmetic on two numbers when the result is exact and short, so 2 - 1 becomes 1
 * but 1 / 3 stays a fraction.
 */
function fold(value: number): Term | null {
	if (!Number.isFinite(value)) {
		return null;
	}
	const text = String(value);
	return text.length <= 8 && !text.includes("e") ? num(value) : null;
}

function add(left: Term, right: Term): Term {
	if (isNumber(left, 0)) {
		return right;
	}
	if (isNumber(right, 0)) {
		return left;
	}
	if (left.kind === "number" && right.kind === "number") {
		const folded = fold(left.value + right.value);
		if (folded !== null) {
			return folded;
		}
	}
	if (right.kind === "negate") {
		return subtract(left, right.argument);
	}
	if (right.kind === "number" && right.value < 0) {
		return subtract(left, num(-right.value));
	}
	if (termKey(left) === termKey(right)) {
		return multiply(num(2), left);
	}
	return { kind: "sum", left, right, subtract: false };
}

function subtract(left: Term, right: Term): Term {
	if (isNumber(right, 0)) {
		return left;
	}
	if (isNumber(left, 0)) {
		return negate(right);
	}
	if (left.kind === "number" && right.kind === "number") {
		const folded = fold(left.value - right.value);
		if (folded !== null) {
			return folded;
		}
	}
	if (right.kind === "negate") {
		return add(left, right.argument);
	}
	if (termKey(left) === termKey(right)) {
		return ZERO;
	}
	return { kind: "sum", left, right, subtract: true };
}

function negate(argument: Term): Term {
	if (argument.kind === "number") {
		return num(-argument.value);
	}
	if (argument.kind === "negate") {
		return argument.argument;
	}
	return { kind: "negate", argument };
}

/**
 * Multiplies two terms, dropping factors of 0 and ±1, pulling signs and numeric
 * coefficients to the front and turning a times 1/b into a/b.
 */
function multiply(left: Term, right: Term): Term {
	// Factors of 0, 1 and -1.
	if (isNumber(left, 0) || isNumber(right, 0)) {
		return ZERO;
	}
	if (isNumber(left, 1)) {
		return right;
	}
	if (isNumber(right, 1)) {
		return left;
	}
	if (isNumber(left, -1)) {
		return negate(right);
	}
	if (isNumber(right, -1)) {
		return negate(left);
	}

	// Signs move in front of the product.
	if (left.kind === "negate") {
		return negate(multiply(left.argument, right));
	}
	if (right.kind === "negate") {
		return negate(multiply(left, right.argument));
	}

	if (left.kind === "number" && right.kind === "number") {
		const folded = fold(left.value * right.value);
		if (folded !== null) {
			return folded;
		}
	}

	// a times 1/b is a/b.
	if (right.kind === "quotient" && isNumber(right.numerator, 1)) {
		return divide(left, right.denominator);
	}
	if (left.kind === "quotient" && isNumber(left.numerator, 1)) {
		return divide(right, left.denominator);
	}

	if (right.kind === "number" && left.kind !== "number") {
		// Coefficients first: 1.5 sigmoid(...) rather than sigmoid(...) 1.5.
		return multiply(right, left);
	}
	if (left.kind === "number" && left.value < 0) {
		return negate(multiply(num(-left.value), right));
	}

	// Two coefficients merge, and an inner coefficient moves to the front.
	if (
		left.kind === "number" &&
		right.kind === "product" &&
		right.left.kind === "number"
	) {
		const folded = fold(left.value * right.left.value);
		if (folded !== null) {
			return multiply(folded, right.right);
		}
	}
	if (
		left.kind !== "number" &&
		right.kind === "product" &&
		right.left.kind === "number"
	) {
		return multiply(right.left, multiply(left, right.right));
	}

	return { kind: "product", left, right };
}

function divide(numerator: Term, denominator: Term): Term {
	if (isNumber(numerator, 0)) {
		return ZERO;
	}
	if (isNumber(denominator, 1)) {
		return numerator;
	}
	if (numerator.kind === "negate") {
		return negate(divide(numerator.argument, denominator));
	}
	if (numerator.kind === "number" && numerator.value < 0) {
		return negate(divide(num(-numerator.value), denominator));
	}
	if (termKey(numerator) === termKey(denominator)) {
		return ONE;
	}
	const top = splitCoefficient(numerator);
	const bottom = splitCoefficient(denominator);
	if (top.coefficient === bottom.coefficient && top.coefficient !== 1) {
		// 2x / (2 sqrt(u)) is x / sqrt(u).
		return divide(top.rest, bottom.rest);
	}
	const ratio = top.coefficient / bottom.coefficient;
	if (isNumber(bottom.rest, 1) && Number.isSafeInteger(ratio)) {
		// 8x / 2 is 4x.
		return multiply(num(ratio), top.rest);
	}
	return { kind: "quotient", numerator, denominator };
}

/** Splits a leading number off a term: 2x is 2 and x, 3 is 3 and 1, x is 1 and x. */
function splitCoefficient(term: Term): { coefficient: number; rest: Term } {
	if (term.kind === "number") {
		return { coefficient: term.value, rest: ONE };
	}
	if (term.kind === "product" && term.left.kind === "number") {
		return { coefficient: term.left.value, rest: term.right };
	}
	return { coefficient: 1, rest: term };
}

function power(base: Term, exponent: Term): Term {
	if (isNumber(exponent, 0)) {
		return ONE;
	}
	if (isNumber(exponent, 1)) {
		return base;
	}
	return { kind: "power", base, exponent };
}

function compare(operator: Comparison, left: Term, right: Term): Term {
	// The side that varies goes first: x < 0 reads better than 0 > x.
	if (!dependsOnX(left) && dependsOnX(right)) {
		return compare(MIRROR[operator], right, left);
	}
	if (left.kind === "negate" && isNumber(right, 0)) {
		return compare(MIRROR[operator], left.argument, right);
	}
	return { kind: "compare", operator, left, right };
}

/** Merges pieces whose values are all the same formula into that formula. */
function cases(pieces: Piece[]): Term {
	const first = pieces[0];
	if (first === undefined) {
		return ZERO;
	}
	const text = termKey(first.value);
	return pieces.every((piece) => termKey(piece.value) === text)
		? first.value
		: { kind: "cases", pieces };
}

/** Returns a key that two terms share exactly when they are written the same. */
function termKey(term: Term): string {
	return JSON.stringify(term);
}

export function dependsOnX(term: Term): boolean {
	switch (term.kind) {
		case "number":
			return false;
		case "tex":
			return true;
		case "symbol":
			return term.name === VARIABLE;
		case "sum":
		case "product":
		case "compare":
			return dependsOnX(term.left) || dependsOnX(term.right);
		case "quotient":
			return dependsOnX(term.numerator) || dependsOnX(term.denominator);
		case "power":
			return dependsOnX(term.base) || dependsOnX(term.exponent);
		case "negate":
			return dependsOnX(term.argument);
		case "call":
		case "logic":
			return term.args.some(dependsOnX);
		case "cases":
			return term.pieces.some(
				(piece) =>
					dependsOnX(piece.value) ||
					(piece.when !== null && dependsOnX(piece.when)),
			);
	}
}

/** Structural views of the mathjs node classes read here. */
interface SourceNode {
	type: string;
	value?: unknown;
	name?: string;
	fn?: string | { type: string; name?: string };
	args?: MathNode[];
	content?: MathNode;
	condition?: MathNode;
	trueExpr?: MathNode;
	falseExpr?: MathNode;
	conditionals?: string[];
	params?: MathNode[];
}

/** Thrown inside the conversion for anything without a symbolic form; caught below. */
class NoSymbolicForm extends Error {}

/**
 * Converts an expression that the kernel has accepted into a term, keeping the names
 * the user wrote (parameters, pi, e). Throws NoSymbolicForm for what it cannot show.
 */
function fromSource(node: MathNode, budget: { terms: number }): Term {
	budget.terms += 1;
	if (budget.terms > MAX_TERMS) {
		throw new NoSymbolicForm();
	}
	const view = node as unknown as SourceNode;
	const args = (view.args ?? []).map((arg) => fromSource(arg, budget));
	switch (view.type) {
		case "ConstantNode":
			if (typeof view.value === "number") {
				return num(view.value);
			}
			if (typeof view.value === "boolean") {
				return num(view.value ? 1 : 0);
			}
			break;
		case "SymbolNode":
			return { kind: "symbol", name: view.name ?? "" };
		case "ParenthesisNode":
			if (view.content !== undefined) {
				return fromSource(view.content, budget);
			}
			break;
		case "OperatorNode":
			if (typeof view.fn === "string") {
				return fromOperator(view.fn, args);
			}
			break;
		case "FunctionNode":
			if (typeof view.fn === "object" && view.fn.type === "SymbolNode") {
				return fromCall(view.fn.name ?? "", args);
			}
			break;
		case "ConditionalNode":
			if (
				view.condition !== undefined &&
				view.trueExpr !== undefined &&
				view.falseExpr !== undefined
			) {
				return {
					kind: "cases",
					pieces: [
						{
							value: fromSource(view.trueExpr, budget),
							when: fromSource(view.condition, budget),
						},
						{ value: fromSource(view.falseExpr, budget), when: null },
					],
				};
			}
			break;
		case "RelationalNode":
			return fromRelational(
				view.conditionals ?? [],
				(view.params ?? []).map((param) => fromSource(param, budget)),
			);
	}
	throw new NoSymbolicForm();
}

function fromOperator(fn: string, args: Term[]): Term {
	const [left, right] = args;
	if (left === undefined) {
		throw new NoSymbolicForm();
	}
	if (right === undefined) {
		if (fn === "unaryMinus") {
			return negate(left);
		}
		if (fn === "unaryPlus") {
			return left;
		}
		if (fn === "not") {
			return { kind: "logic", operator: "not", args: [left] };
		}
		throw new NoSymbolicForm();
	}
	switch (fn) {
		case "add":
			return { kind: "sum", left, right, subtract: false };
		case "subtract":
			return { kind: "sum", left, right, subtract: true };
		case "multiply":
			return { kind: "product", left, right };
		case "divide":
			return { kind: "quotient", numerator: left, denominator: right };
		case "pow":
			return { kind: "power", base: left, exponent: right };
		case "and":
		case "or":
			return { kind: "logic", operator: fn, args: [left, right] };
	}
	const comparison = COMPARISONS[fn];
	if (comparison !== undefined) {
		return { kind: "compare", operator: comparison, left, right };
	}
	throw new NoSymbolicForm();
}

function fromCall(name: string, args: Term[]): Term {
	if (name === "pow" && args.length === 2) {
		return {
			kind: "power",
			base: args[0] as Term,
			exponent: args[1] as Term,
		};
	}
	if ((name === "min" || name === "max") && args.length >= 2) {
		// The kernel reduces min and max pairwise from the left, and so does the formula.
		return args
			.slice(1)
			.reduce((left, right) => call(name, left, right), args[0] as Term);
	}
	return call(name, ...args);
}

/** Converts a chained comparison such as 0 < x <= 1 into the conjunction of its links. */
function fromRelational(conditionals: string[], operands: Term[]): Term {
	const links = conditionals.map((name, index): Term => {
		const operator = COMPARISONS[name];
		const left = operands[index];
		const right = operands[index + 1];
		if (operator === undefined || left === undefined || right === undefined) {
			throw new NoSymbolicForm();
		}
		return { kind: "compare", operator, left, right };
	});
	const first = links[0];
	if (first === undefined) {
		throw new NoSymbolicForm();
	}
	return links.slice(1).reduce(
		(all, link): Term => ({
			kind: "logic",
			operator: "and",
			args: [all, link],
		}),
		first,
	);
}

/** Derivative of f(u) with respect to u, for the elementary functions of one argument. */
const OUTER_DERIVATIVES: Readonly<Record<string, (u: Term) => Term>> = {
	exp: (u) => call("exp", u),
	expm1: (u) => call("exp", u),
	log: (u) => divide(ONE, u),
	log1p: (u) => divide(ONE, add(ONE, u)),
	sqrt: (u) => divide(ONE, multiply(num(2), call("sqrt", u))),
	cbrt: (u) => divide(ONE, multiply(num(3), power(call("cbrt", u), num(2)))),
	// PyTorch's convention: the gradient of |u| at 0 is sign(0) = 0.
	abs: (u) => call("sign", u),
	sign: () => ZERO,
	sin: (u) => call("cos", u),
	cos: (u) => negate(call("sin", u)),
	tan: (u) => divide(ONE, power(call("cos", u), num(2))),
	sinh: (u) => call("cosh", u),
	cosh: (u) => call("sinh", u),
	tanh: (u) => subtract(ONE, power(call("tanh", u), num(2))),
	erf: (u) => erfOuter(u),
	erfc: (u) => negate(erfOuter(u)),
};

function erfOuter(u: Term): Term {
	return multiply(
		divide(num(2), call("sqrt", { kind: "symbol", name: "pi" })),
		call("exp", negate(power(u, num(2)))),
	);
}

/**
 * Returns the derivative of a catalog activation called with one argument: a short form
 * in callable functions where there is one, the catalog's own gradient formula when the
 * argument is x and the entry has no parameters, and f'(u) otherwise.
 */
function catalogOuter(entry: CatalogEntry, u: Term): Term {
	switch (entry.name) {
		case "sigmoid":
			return multiply(call("sigmoid", u), subtract(ONE, call("sigmoid", u)));
		case "relu":
			// PyTorch gives relu a gradient of 0 at 0.
			return cases([
				{ value: ONE, when: compare(">", u, ZERO) },
				{ value: ZERO, when: null },
			]);
		case "identity":
			return ONE;
	}
	const own = entry.formula.gradient;
	// A formula with a side definition after \quad (mish's sp) cannot be a factor.
	if (
		u.kind === "symbol" &&
		u.name === VARIABLE &&
		entry.parameters.length === 0 &&
		own !== null &&
		!own.includes(String.raw`\quad`)
	) {
		return { kind: "tex", tex: own };
	}
	return { kind: "call", name: entry.name, args: [u], prime: true };
}

/** Term counts already measured; terms are shared, so each is counted once. */
const SIZES = new WeakMap<Term, number>();

/** Returns how many terms a term writes, counting a shared term each time it appears. */
function sizeOf(term: Term): number {
	const known = SIZES.get(term);
	if (known !== undefined) {
		return known;
	}
	let size = 1;
	switch (term.kind) {
		case "sum":
		case "product":
		case "compare":
			size += sizeOf(term.left) + sizeOf(term.right);
			break;
		case "quotient":
			size += sizeOf(term.numerator) + sizeOf(term.denominator);
			break;
		case "power":
			size += sizeOf(term.base) + sizeOf(term.exponent);
			break;
		case "negate":
			size += sizeOf(term.argument);
			break;
		case "call":
		case "logic":
			for (const arg of term.args) {
				size += sizeOf(arg);
			}
			break;
		case "cases":
			for (const piece of term.pieces) {
				size +=
					sizeOf(piece.value) + (piece.when === null ? 0 : sizeOf(piece.when));
			}
			break;
		case "tex":
			size += Math.ceil(term.tex.length / 8);
			break;
		default:
			break;
	}
	SIZES.set(term, size);
	return size;
}

/**
 * Returns the derivative of a term with respect to x. Throws NoSymbolicForm where there
 * is none, or as soon as it grows past MAX_DERIVATIVE_TERMS.
 */
function differentiate(term: Term): Term {
	const derivative = differentiateTerm(term);
	if (sizeOf(derivative) > MAX_DERIVATIVE_TERMS) {
		throw new NoSymbolicForm();
	}
	return derivative;
}

function differentiateTerm(term: Term): Term {
	if (!dependsOnX(term)) {
		return ZERO;
	}
	switch (term.kind) {
		case "tex":
			// Only derivatives contain raw TeX, and they are not differentiated again.
			throw new NoSymbolicForm();
		case "number":
			return ZERO;
		case "symbol":
			return term.name === VARIABLE ? ONE : ZERO;
		case "sum": {
			const left = differentiate(term.left);
			const right = differentiate(term.right);
			return term.subtract ? subtract(left, right) : add(left, right);
		}
		case "product":
			return add(
				multiply(differentiate(term.left), term.right),
				multiply(term.left, differentiate(term.right)),
			);
		case "quotient":
			return differentiateQuotient(term.numerator, term.denominator);
		case "power":
			return differentiatePower(term.base, term.exponent);
		case "negate":
			return negate(differentiate(term.argument));
		case "call":
			return differentiateCall(term.name, term.args);
		case "compare":
		case "logic":
			// Worth 0 or 1, so flat wherever it does not switch.
			return ZERO;
		case "cases":
			return cases(
				term.pieces.map((piece) => ({
					value: differentiate(piece.value),
					when: piece.when,
				})),
			);
	}
}

function differentiateQuotient(numerator: Term, denominator: Term): Term {
	const top = differentiate(numerator);
	if (!dependsOnX(denominator)) {
		return divide(top, denominator);
	}
	const bottom = differentiate(denominator);
	return divide(
		subtract(multiply(top, denominator), multiply(numerator, bottom)),
		power(denominator, num(2)),
	);
}

function differentiatePower(base: Term, exponent: Term): Term {
	if (!dependsOnX(exponent)) {
		return multiply(
			multiply(exponent, power(base, subtract(exponent, ONE))),
			differentiate(base),
		);
	}
	const logBase =
		base.kind === "symbol" && base.name === "e" ? ONE : call("log", base);
	if (!dependsOnX(base)) {
		return multiply(
			multiply(power(base, exponent), logBase),
			differentiate(exponent),
		);
	}
	// The kernel's form: the base's part plus the exponent's part.
	return add(
		multiply(
			multiply(exponent, power(base, subtract(exponent, ONE))),
			differentiate(base),
		),
		multiply(multiply(power(base, exponent), logBase), differentiate(exponent)),
	);
}

function differentiateCall(name: string, args: readonly Term[]): Term {
	const [first, second] = args;
	if (first === undefined) {
		throw new NoSymbolicForm();
	}
	if ((name === "max" || name === "min") && second !== undefined) {
		return differentiateExtremum(name, first, second);
	}
	const outer = Object.prototype.hasOwnProperty.call(OUTER_DERIVATIVES, name)
		? OUTER_DERIVATIVES[name]
		: undefined;
	if (outer !== undefined && args.length === 1) {
		return multiply(outer(first), differentiate(first));
	}
	const isElementary = name in UNARY_FUNCTIONS || name in BINARY_FUNCTIONS;
	const entry = isElementary ? undefined : findCatalogEntry(name);
	if (entry !== undefined && args.length === 1) {
		return multiply(catalogOuter(entry, first), differentiate(first));
	}
	throw new NoSymbolicForm();
}

/**
 * max(a, b) follows a where a is larger and b where b is; at a tie the kernel, like
 * torch.maximum, splits the gradient evenly. min mirrors it.
 */
function differentiateExtremum(name: "max" | "min", a: Term, b: Term): Term {
	const da = differentiate(a);
	const db = differentiate(b);
	const aWins = name === "max" ? ">" : "<";
	const bWins = name === "max" ? "<" : ">";
	return cases([
		{ value: da, when: compare(aWins, a, b) },
		{ value: db, when: compare(bWins, a, b) },
		{ value: divide(add(da, db), num(2)), when: null },
	]);
}

/**
 * Returns the derivative of an accepted expression with respect to x, or null when it
 * has no symbolic form here (a catalog call with parameters, or a formula too large to
 * read).
 */
export function derivativeTerm(body: MathNode): Term | null {
	try {
		return differentiate(fromSource(body, { terms: 0 }));
	} catch (error) {
		if (error instanceof NoSymbolicForm) {
			return null;
		}
		throw error;
	}
}
