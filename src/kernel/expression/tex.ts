import type { MathNode } from "mathjs";
import { parseExpression } from "./parse";
import {
	derivativeTerm,
	MAX_GRADIENT_TEX,
	type Comparison,
	type Term,
} from "./derivative";

/**
 * LaTeX commands for the functions an expression may call. mathjs renders function
 * calls by converting every argument twice, which takes time exponential in the
 * nesting depth, so every call goes through this table instead.
 */
const FUNCTION_TEX: Readonly<Record<string, (args: string[]) => string>> = {
	exp: (args) => String.raw`\exp\left(${args.join(", ")}\right)`,
	log: (args) => String.raw`\ln\left(${args.join(", ")}\right)`,
	sqrt: (args) => String.raw`\sqrt{${args.join(", ")}}`,
	cbrt: (args) => String.raw`\sqrt[3]{${args.join(", ")}}`,
	abs: (args) => String.raw`\left|${args.join(", ")}\right|`,
	pow: (args) => String.raw`\left(${args[0] ?? ""}\right)^{${args[1] ?? ""}}`,
	sin: (args) => String.raw`\sin\left(${args.join(", ")}\right)`,
	cos: (args) => String.raw`\cos\left(${args.join(", ")}\right)`,
	tan: (args) => String.raw`\tan\left(${args.join(", ")}\right)`,
	sinh: (args) => String.raw`\sinh\left(${args.join(", ")}\right)`,
	cosh: (args) => String.raw`\cosh\left(${args.join(", ")}\right)`,
	tanh: (args) => String.raw`\tanh\left(${args.join(", ")}\right)`,
	min: (args) => String.raw`\min\left(${args.join(", ")}\right)`,
	max: (args) => String.raw`\max\left(${args.join(", ")}\right)`,
};

/** Returns the TeX of a defined function's name: g as it is, gate upright. */
export function functionNameTex(name: string): string {
	return name.length === 1 ? name : operatorName(name);
}

/** An upright operator name with TeX's special underscore escaped: \operatorname{leaky\_relu}. */
function operatorName(name: string): string {
	return String.raw`\operatorname{${name.replace(/_/g, "\\_")}}`;
}

/**
 * LaTeX for an accepted expression tree, through mathjs's toTex with every function
 * call rendered here in one pass over its arguments.
 */
export function expressionTex(tree: MathNode): string {
	const handler = (node: MathNode, options: object): string | undefined => {
		if (node.type !== "FunctionNode") {
			return undefined;
		}
		const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
		const name = call.fn.name ?? "";
		const args = call.args.map((arg) => arg.toTex(options));
		const render = Object.prototype.hasOwnProperty.call(FUNCTION_TEX, name)
			? FUNCTION_TEX[name]
			: undefined;
		return render !== undefined
			? render(args)
			: String.raw`${operatorName(name)}\left(${args.join(", ")}\right)`;
	};
	return tree.toTex({ handler });
}

/** Binding strength of a written term, weakest first: 1 + 2, -2, 1 \cdot 2, 1^2, (1). */
const SUM = 1;
const NEGATE = 2;
const PRODUCT = 3;
const ATOM = 5;

/** TeX of each symbol name met so far, as mathjs writes it in the value's formula. */
const SYMBOL_TEX = new Map<string, string>();

const COMPARISON_TEX: Readonly<Record<Comparison, string>> = {
	"<": "<",
	">": ">",
	"<=": String.raw`\leq`,
	">=": String.raw`\geq`,
	"==": "=",
	"!=": String.raw`\neq`,
};

function precedence(term: Term): number {
	switch (term.kind) {
		case "sum":
			return SUM;
		case "negate":
			return NEGATE;
		case "number":
			return term.value < 0 ? NEGATE : ATOM;
		case "product":
		case "quotient":
			return PRODUCT;
		case "tex":
			return SUM;
		case "power":
			return PRODUCT + 1;
		default:
			return ATOM;
	}
}

function numberTex(value: number): string {
	const text = Number.isInteger(value)
		? String(value)
		: String(Number(value.toPrecision(12)));
	const [mantissa, exponent] = text.split("e");
	return exponent === undefined
		? text
		: String.raw`${mantissa ?? ""}\times 10^{${Number(exponent)}}`;
}

/**
 * Writes a symbol the way mathjs writes it in the value's formula, so both formulas show
 * a parameter alike: beta as \beta, Gamma as \Gamma, Alpha as A, alpha_1 as alpha\_1.
 */
function symbolTex(name: string): string {
	let tex = SYMBOL_TEX.get(name);
	if (tex === undefined) {
		tex = parseExpression(name).toTex().trim();
		SYMBOL_TEX.set(name, tex);
	}
	return tex;
}

function wrap(term: Term, minimum: number): string {
	const tex = termTex(term);
	return precedence(term) < minimum ? String.raw`\left(${tex}\right)` : tex;
}

/** Writes a condition of a piecewise formula: comparisons bare, not as 0 or 1. */
function conditionTex(term: Term): string {
	if (term.kind === "compare") {
		return `${termTex(term.left)}${COMPARISON_TEX[term.operator]}${termTex(term.right)}`;
	}
	if (term.kind === "logic") {
		const [first, second] = term.args.map(conditionTex);
		if (term.operator === "not") {
			return String.raw`\lnot\left(${first ?? ""}\right)`;
		}
		const joiner =
			term.operator === "and" ? String.raw`\land ` : String.raw`\lor `;
		return `${first ?? ""}${joiner}${second ?? ""}`;
	}
	return String.raw`${termTex(term)}\neq 0`;
}

/** LaTeX for a term, in the style mathjs writes the expression itself. */
export function termTex(term: Term): string {
	switch (term.kind) {
		case "number":
			return numberTex(term.value);
		case "symbol":
			return symbolTex(term.name);
		case "tex":
			return term.tex;
		case "sum": {
			const left = wrap(term.left, SUM);
			const right = wrap(term.right, term.subtract ? PRODUCT : SUM);
			// A right operand written with a leading minus (-2, -a \cdot b) folds it into
			// the sign between them: a + -b is a - b, and a - -b is a + b.
			if (right.startsWith("-")) {
				return `${left}${term.subtract ? "+" : "-"}${right.slice(1)}`;
			}
			return `${left}${term.subtract ? "-" : "+"}${right}`;
		}
		case "product":
			return String.raw`${wrap(term.left, NEGATE)}\cdot ${wrap(term.right, PRODUCT)}`;
		case "quotient":
			return String.raw`\frac{${termTex(term.numerator)}}{${termTex(term.denominator)}}`;
		case "power":
			return `{${wrap(term.base, ATOM)}}^{${termTex(term.exponent)}}`;
		case "negate":
			return `-${wrap(term.argument, PRODUCT)}`;
		case "call": {
			const args = term.args.map(termTex);
			if (term.prime) {
				return String.raw`${operatorName(term.name)}'\left(${args.join(", ")}\right)`;
			}
			const render = Object.prototype.hasOwnProperty.call(
				FUNCTION_TEX,
				term.name,
			)
				? FUNCTION_TEX[term.name]
				: undefined;
			return render !== undefined
				? render(args)
				: String.raw`${operatorName(term.name)}\left(${args.join(", ")}\right)`;
		}
		case "compare":
		case "logic":
			return String.raw`\left[${conditionTex(term)}\right]`;
		case "cases": {
			const rows = term.pieces.map((piece) => {
				const when =
					piece.when === null
						? String.raw`\text{otherwise}`
						: String.raw`\text{if }\; ${conditionTex(piece.when)}`;
				return String.raw`${termTex(piece.value)}, &\quad ${when}`;
			});
			return String.raw`\begin{cases} ${rows.join(String.raw`\\ `)} \end{cases}`;
		}
	}
}

/**
 * LaTeX for the derivative of an accepted expression, or null when it has no symbolic
 * form here or its formula would run longer than a caption can show.
 */
export function gradientTex(body: MathNode): string | null {
	try {
		const derivative = derivativeTerm(body);
		if (derivative === null) {
			return null;
		}
		const tex = termTex(derivative);
		return tex.length <= MAX_GRADIENT_TEX ? tex : null;
	} catch (error) {
		// A formula past the engine's stack or string limits has no caption either; the
		// caption then shows its sentence instead of the block failing.
		if (error instanceof RangeError) {
			return null;
		}
		throw error;
	}
}
