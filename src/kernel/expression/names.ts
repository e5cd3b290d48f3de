import { CATALOG } from "../catalog";
import type { BinaryOperator, UnaryOperator } from "./ir";

/** Elementary functions of one argument, by the name an expression calls them. */
export const UNARY_FUNCTIONS: Readonly<Record<string, UnaryOperator>> = {
	exp: "exp",
	log: "log",
	log1p: "log1p",
	expm1: "expm1",
	sqrt: "sqrt",
	cbrt: "cbrt",
	abs: "abs",
	sign: "sign",
	sin: "sin",
	cos: "cos",
	tan: "tan",
	sinh: "sinh",
	cosh: "cosh",
	tanh: "tanh",
	erf: "erf",
	erfc: "erfc",
};

/** Elementary functions of two or more arguments. min and max take any number from 2. */
export const BINARY_FUNCTIONS: Readonly<Record<string, BinaryOperator>> = {
	min: "min",
	max: "max",
	pow: "pow",
};

/** Every elementary function name an expression may call. */
export const ELEMENTARY_FUNCTIONS: readonly string[] = [
	...Object.keys(UNARY_FUNCTIONS),
	...Object.keys(BINARY_FUNCTIONS),
];

/** Constants an expression may use besides x and its declared parameters. */
export const CONSTANTS: Readonly<Record<string, number>> = {
	pi: Math.PI,
	e: Math.E,
};

/** The variable of every expression. */
export const VARIABLE = "x";

/** Words of mathjs's syntax that cannot name a parameter. */
const KEYWORDS = [
	"and",
	"or",
	"not",
	"xor",
	"mod",
	"to",
	"in",
	"true",
	"false",
];

/**
 * Names that a plain JavaScript object cannot store as an own key: assigning to
 * `values.__proto__` replaces the object's prototype, so the value would be lost.
 */
export const OBJECT_KEY_NAMES: readonly string[] = ["__proto__"];

/**
 * Every name with a meaning inside an expression: the variable, the constants, the
 * elementary functions, the catalog activations and the syntax's keywords, and the
 * names that objects cannot store. A parameter cannot take one of these names.
 */
export const RESERVED_NAMES: readonly string[] = [
	VARIABLE,
	...Object.keys(CONSTANTS),
	...ELEMENTARY_FUNCTIONS,
	...CATALOG.map((entry) => entry.name).filter(
		(name) => !(name in UNARY_FUNCTIONS),
	),
	...KEYWORDS,
	...OBJECT_KEY_NAMES,
];

/** Every function name an expression may call, elementary first. */
export const CALLABLE_NAMES: readonly string[] = [
	...ELEMENTARY_FUNCTIONS,
	...CATALOG.map((entry) => entry.name).filter(
		(name) => !(name in UNARY_FUNCTIONS),
	),
];
