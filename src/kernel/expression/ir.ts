import type { CatalogEntry } from "../catalog/entry";

/** Elementary functions of one argument; `truth` is the truthiness test (a != 0). */
export type UnaryOperator =
	| "negate"
	| "exp"
	| "log"
	| "log1p"
	| "expm1"
	| "sqrt"
	| "cbrt"
	| "abs"
	| "sign"
	| "sin"
	| "cos"
	| "tan"
	| "sinh"
	| "cosh"
	| "tanh"
	| "erf"
	| "erfc"
	| "not"
	| "truth";

export type BinaryOperator =
	| "add"
	| "subtract"
	| "multiply"
	| "divide"
	| "pow"
	| "min"
	| "max"
	| "smaller"
	| "larger"
	| "smallerEq"
	| "largerEq"
	| "equal"
	| "unequal"
	| "and"
	| "or";

interface Common {
	/** True when the node depends on x, false when it depends only on parameters. */
	readonly varying: boolean;
	/** True when every value is 0 or 1: comparisons and logical operators. */
	readonly boolean: boolean;
	/**
	 * The index of this node's branch record, or -1. Nodes that switch branch (abs,
	 * sign, min, max, comparisons, truth tests, catalog calls with breakpoints) record
	 * per grid point which branch they took, so kinks can be found between grid points.
	 */
	readonly slot: number;
}

/** The kernel's own syntax tree, checked and ready to evaluate. */
export type ExpressionNode =
	| (Common & { readonly kind: "x" })
	| (Common & { readonly kind: "parameter"; readonly index: number })
	| (Common & { readonly kind: "number"; readonly value: number })
	| (Common & {
			readonly kind: "unary";
			readonly operator: UnaryOperator;
			readonly argument: ExpressionNode;
	  })
	| (Common & {
			readonly kind: "binary";
			readonly operator: BinaryOperator;
			readonly left: ExpressionNode;
			readonly right: ExpressionNode;
	  })
	| (Common & {
			readonly kind: "conditional";
			readonly test: ExpressionNode;
			readonly whenTrue: ExpressionNode;
			readonly whenFalse: ExpressionNode;
	  })
	| (Common & {
			readonly kind: "catalog";
			readonly entry: CatalogEntry;
			readonly argument: ExpressionNode;
			/** One node per catalog parameter that the call passes, in the entry's order. */
			readonly parameters: readonly ExpressionNode[];
	  });

/** A compiled expression: its tree, its parameters and its number of branch records. */
export interface CompiledExpression {
	readonly root: ExpressionNode;
	/** The parameter names it may read; a parameter node's index points into this list. */
	readonly declared: readonly string[];
	/** The declared parameters it actually reads, in declaration order. */
	readonly used: readonly string[];
	readonly slotCount: number;
}

/**
 * Branch codes recorded per grid point: even codes are open branches, odd codes mean
 * the point sits exactly on a switch (a tie), and -1 means the input was NaN.
 */
export const CODE_NAN = -1;

/** The branch code of a signed quantity: 0 below zero, 1 at zero, 2 above, -1 for NaN. */
export function signCode(value: number): number {
	if (value < 0) {
		return 0;
	}
	if (value > 0) {
		return 2;
	}
	return value === 0 ? 1 : CODE_NAN;
}
