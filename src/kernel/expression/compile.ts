import type { MathNode } from "mathjs";
import {
	brokenRule,
	CATALOG,
	describeRule,
	findCatalogEntry,
	type CatalogEntry,
} from "../catalog";
import { KernelError } from "../errors";
import { suggestName } from "../suggest";
import { checkTreeSize } from "./check";
import type {
	BinaryOperator,
	CompiledExpression,
	ExpressionNode,
	UnaryOperator,
} from "./ir";
import {
	BINARY_FUNCTIONS,
	CALLABLE_NAMES,
	CONSTANTS,
	OBJECT_KEY_NAMES,
	RESERVED_NAMES,
	UNARY_FUNCTIONS,
	VARIABLE,
} from "./names";

/** Structural views of the mathjs node classes that the compiler reads. */
interface ConstantView {
	value: unknown;
}
interface SymbolView {
	name: string;
}
interface OperatorView {
	op: string;
	fn: string;
	args: MathNode[];
}
interface FunctionView {
	fn: MathNode;
	args: MathNode[];
}
interface ConditionalView {
	condition: MathNode;
	trueExpr: MathNode;
	falseExpr: MathNode;
}
interface RelationalView {
	conditionals: string[];
	params: MathNode[];
}
interface ParenthesisView {
	content: MathNode;
}

const OPERATORS: Readonly<Record<string, BinaryOperator>> = {
	add: "add",
	subtract: "subtract",
	multiply: "multiply",
	divide: "divide",
	pow: "pow",
	smaller: "smaller",
	larger: "larger",
	smallerEq: "smallerEq",
	largerEq: "largerEq",
	equal: "equal",
	unequal: "unequal",
	and: "and",
	or: "or",
};

const BOOLEAN_OPERATORS = new Set<BinaryOperator>([
	"smaller",
	"larger",
	"smallerEq",
	"largerEq",
	"equal",
	"unequal",
	"and",
	"or",
]);

/** The operator that gives the same result with its operands swapped. */
const MIRRORED: Readonly<Record<string, BinaryOperator>> = {
	add: "add",
	multiply: "multiply",
	max: "max",
	min: "min",
	equal: "equal",
	unequal: "unequal",
	smaller: "larger",
	larger: "smaller",
	smallerEq: "largerEq",
	largerEq: "smallerEq",
};

/** Operators that switch branch along x and so record branch codes. */
const BRANCHING_BINARY = new Set<BinaryOperator>([
	"min",
	"max",
	"smaller",
	"larger",
	"smallerEq",
	"largerEq",
	"equal",
	"unequal",
]);
const BRANCHING_UNARY = new Set<UnaryOperator>(["abs", "sign", "truth"]);

function has<T>(record: Readonly<Record<string, T>>, name: string): boolean {
	return Object.prototype.hasOwnProperty.call(record, name);
}

/**
 * Builds the error for a number written right before a bracket, as in 2x(x + 1): mathjs
 * reads x(x + 1) as a call of x, and the fix is an explicit product.
 */
function notCallableError(
	name: string,
	args: readonly MathNode[],
): KernelError {
	const product = `${name} * (${args.map((arg) => arg.toString()).join(", ")})`;
	return new KernelError(
		`'${name}' is not a function, but it is followed by a bracket, which reads as a call; ` +
			`to multiply, write * before the bracket, as in ${product}`,
		name,
		product,
	);
}

/**
 * Builds the error for a symbol that no parameter can be named after, such as the
 * keyword `in`, with a parameter name that is accepted in its place.
 */
function reservedSymbolError(name: string): KernelError {
	const isObjectKey = OBJECT_KEY_NAMES.includes(name);
	const replacement = isObjectKey ? "proto" : `${name}_0`;
	const reason = isObjectKey
		? "JavaScript objects reserve it"
		: "it is a keyword of the expression syntax";
	return new KernelError(
		`unknown symbol '${name}', and '${name}' cannot name a parameter because ${reason}; ` +
			`if it is a parameter, rename it to ${replacement} in the expression and declare it, for example params: {${replacement}: 1}`,
		name,
	);
}

/** Returns the example value in the hint for an undeclared parameter: a catalog default, else 1. */
function exampleValue(name: string): number {
	for (const entry of CATALOG) {
		const definition = entry.parameters.find(
			(parameter) => parameter.name === name,
		);
		if (definition !== undefined) {
			return definition.default;
		}
	}
	return 1;
}

/** Turns a checked mathjs tree into the kernel's tree, rejecting everything not listed. */
class Compiler {
	private slotCount = 0;
	private readonly used = new Set<string>();

	constructor(private readonly declared: readonly string[]) {}

	compile(root: MathNode): CompiledExpression {
		const tree = this.node(root);
		return {
			root: tree,
			declared: this.declared,
			used: this.declared.filter((name) => this.used.has(name)),
			slotCount: this.slotCount,
		};
	}

	private slot(varying: boolean): number {
		if (!varying) {
			return -1;
		}
		this.slotCount += 1;
		return this.slotCount - 1;
	}

	private node(node: MathNode): ExpressionNode {
		switch (node.type) {
			case "ConstantNode":
				return this.constant(node as unknown as ConstantView, node);
			case "SymbolNode":
				return this.symbol((node as unknown as SymbolView).name);
			case "ParenthesisNode":
				return this.node((node as unknown as ParenthesisView).content);
			case "OperatorNode":
				return this.operator(node as unknown as OperatorView, node);
			case "FunctionNode":
				return this.call(node as unknown as FunctionView, node);
			case "ConditionalNode":
				return this.conditional(node as unknown as ConditionalView);
			case "RelationalNode":
				return this.relational(node as unknown as RelationalView);
			default:
				throw rejectSyntax(node);
		}
	}

	private constant(view: ConstantView, node: MathNode): ExpressionNode {
		if (typeof view.value === "number") {
			return {
				kind: "number",
				value: view.value,
				varying: false,
				boolean: false,
				slot: -1,
			};
		}
		if (typeof view.value === "boolean") {
			const value = view.value ? 1 : 0;
			return { kind: "number", value, varying: false, boolean: true, slot: -1 };
		}
		const text = node.toString();
		if (typeof view.value === "string") {
			throw new KernelError(
				`strings are not allowed in an expression: ${text}; use numbers and x`,
				text,
			);
		}
		throw new KernelError(
			`'${text}' is not allowed in an expression; use numbers and x`,
			text,
		);
	}

	private symbol(name: string): ExpressionNode {
		if (name === VARIABLE) {
			return { kind: "x", varying: true, boolean: false, slot: -1 };
		}
		const index = this.declared.indexOf(name);
		if (index >= 0) {
			this.used.add(name);
			return {
				kind: "parameter",
				index,
				varying: false,
				boolean: false,
				slot: -1,
			};
		}
		if (has(CONSTANTS, name)) {
			const value = CONSTANTS[name] as number;
			return {
				kind: "number",
				value,
				varying: false,
				boolean: false,
				slot: -1,
			};
		}
		if (CALLABLE_NAMES.includes(name)) {
			throw new KernelError(
				`'${name}' is a function; call it with an argument, for example ${name}(x)`,
				name,
			);
		}
		if (RESERVED_NAMES.includes(name)) {
			throw reservedSymbolError(name);
		}
		const suggestion = suggestName(name, [
			VARIABLE,
			...this.declared,
			...Object.keys(CONSTANTS),
		]);
		// Every one- or two-letter name is within one edit of x or e, so for those the
		// missing parameter is the likelier mistake and leads the message.
		if (suggestion !== null && name.length <= 2) {
			throw new KernelError(
				`unknown symbol '${name}'; declare it under params, for example params: {${name}: ${exampleValue(name)}}, or write '${suggestion}' if you meant it`,
				name,
				suggestion,
			);
		}
		if (suggestion !== null) {
			throw new KernelError(
				`unknown symbol '${name}'; did you mean '${suggestion}'?`,
				name,
				suggestion,
			);
		}
		throw new KernelError(
			`unknown symbol '${name}'; declare it under params, for example params: {${name}: ${exampleValue(name)}}`,
			name,
		);
	}

	private operator(view: OperatorView, node: MathNode): ExpressionNode {
		const args = view.args;
		if (view.fn === "unaryPlus" && args.length === 1) {
			return this.node(args[0] as MathNode);
		}
		if (view.fn === "unaryMinus" && args.length === 1) {
			return this.unary("negate", this.node(args[0] as MathNode));
		}
		if (view.fn === "not" && args.length === 1) {
			return this.unary("not", this.truth(this.node(args[0] as MathNode)));
		}
		if (has(OPERATORS, view.fn) && args.length === 2) {
			const operator = OPERATORS[view.fn] as BinaryOperator;
			let left = this.node(args[0] as MathNode);
			let right = this.node(args[1] as MathNode);
			if (operator === "and" || operator === "or") {
				left = this.truth(left);
				right = this.truth(right);
			}
			return this.binary(operator, left, right);
		}
		const text = node.toString();
		throw new KernelError(
			`operator '${view.op}' is not supported in ${text}; use + - * / ^, comparisons, and, or, not, ? :`,
			view.op,
		);
	}

	private call(view: FunctionView, node: MathNode): ExpressionNode {
		if (view.fn.type !== "SymbolNode") {
			throw rejectSyntax(node);
		}
		const name = (view.fn as unknown as SymbolView).name;
		const count = view.args.length;
		if (has(UNARY_FUNCTIONS, name)) {
			expectArguments(name, count, 1, 1);
			const operator = UNARY_FUNCTIONS[name] as UnaryOperator;
			return this.unary(operator, this.node(view.args[0] as MathNode));
		}
		if (has(BINARY_FUNCTIONS, name)) {
			const operator = BINARY_FUNCTIONS[name] as BinaryOperator;
			expectArguments(name, count, 2, operator === "pow" ? 2 : Infinity);
			const args = view.args.map((arg) => this.node(arg));
			return args
				.slice(1)
				.reduce(
					(left, right) => this.binary(operator, left, right),
					args[0] as ExpressionNode,
				);
		}
		const entry = findCatalogEntry(name);
		if (entry !== undefined) {
			return this.catalogCall(entry, view.args);
		}
		if (
			name === VARIABLE ||
			has(CONSTANTS, name) ||
			this.declared.includes(name)
		) {
			throw notCallableError(name, view.args);
		}
		const suggestion = suggestName(name, CALLABLE_NAMES);
		if (suggestion !== null) {
			throw new KernelError(
				`unknown function '${name}'; did you mean '${suggestion}'?`,
				name,
				suggestion,
			);
		}
		throw new KernelError(
			`unknown function '${name}'; use an elementary function such as exp or a catalog activation such as relu`,
			name,
		);
	}

	private catalogCall(
		entry: CatalogEntry,
		args: readonly MathNode[],
	): ExpressionNode {
		expectArguments(
			entry.name,
			args.length,
			1,
			1 + entry.parameters.length,
			entry,
		);
		const argument = this.node(args[0] as MathNode);
		const parameters = args.slice(1).map((arg, index) => {
			const compiled = this.node(arg);
			if (compiled.varying) {
				const name = entry.parameters[index]?.name ?? "";
				throw new KernelError(
					`the parameter ${name} of ${entry.name} must not depend on x; only the first argument may`,
					entry.name,
				);
			}
			return compiled;
		});
		checkConstantRules(entry, parameters);
		const varying = argument.varying;
		const slot = this.slot(varying);
		return {
			kind: "catalog",
			entry,
			argument,
			parameters,
			varying,
			boolean: false,
			slot,
		};
	}

	private conditional(view: ConditionalView): ExpressionNode {
		const test = this.truth(this.node(view.condition));
		const whenTrue = this.node(view.trueExpr);
		const whenFalse = this.node(view.falseExpr);
		const varying = test.varying || whenTrue.varying || whenFalse.varying;
		const boolean = whenTrue.boolean && whenFalse.boolean;
		return {
			kind: "conditional",
			test,
			whenTrue,
			whenFalse,
			varying,
			boolean,
			slot: -1,
		};
	}

	/** Compiles a chained comparison such as 0 < x <= 1, as the conjunction of its links. */
	private relational(view: RelationalView): ExpressionNode {
		const operands = view.params.map((param) => this.node(param));
		let result: ExpressionNode | null = null;
		view.conditionals.forEach((name, index) => {
			if (!has(OPERATORS, name)) {
				throw new KernelError(`comparison '${name}' is not supported`, name);
			}
			const link = this.binary(
				OPERATORS[name] as BinaryOperator,
				operands[index] as ExpressionNode,
				operands[index + 1] as ExpressionNode,
			);
			result = result === null ? link : this.binary("and", result, link);
		});
		if (result === null) {
			throw new KernelError("empty comparison");
		}
		return result;
	}

	/** Wraps a non-boolean operand of a logical operator in a truthiness test. */
	private truth(node: ExpressionNode): ExpressionNode {
		return node.boolean ? node : this.unary("truth", node);
	}

	private unary(
		operator: UnaryOperator,
		argument: ExpressionNode,
	): ExpressionNode {
		const varying = argument.varying;
		const boolean = operator === "not" || operator === "truth";
		const slot = BRANCHING_UNARY.has(operator) ? this.slot(varying) : -1;
		return { kind: "unary", operator, argument, varying, boolean, slot };
	}

	/**
	 * Builds a binary node. A constant left operand of a symmetric or mirrored operator
	 * moves to the right (0 < x becomes x > 0), where the interpreter has loops that
	 * read the constant once instead of broadcasting it over the grid.
	 */
	private binary(
		operator: BinaryOperator,
		left: ExpressionNode,
		right: ExpressionNode,
	): ExpressionNode {
		if (!left.varying && right.varying && has(MIRRORED, operator)) {
			return this.binary(MIRRORED[operator] as BinaryOperator, right, left);
		}
		const varying = left.varying || right.varying;
		const boolean = BOOLEAN_OPERATORS.has(operator);
		const slot = BRANCHING_BINARY.has(operator) ? this.slot(varying) : -1;
		return { kind: "binary", operator, left, right, varying, boolean, slot };
	}
}

/** Returns the value of a number literal or a negated one, or null for anything else. */
function literalValue(node: ExpressionNode): number | null {
	if (node.kind === "number") {
		return node.value;
	}
	if (node.kind === "unary" && node.operator === "negate") {
		const inner = literalValue(node.argument);
		return inner === null ? null : -inner;
	}
	return null;
}

/**
 * Rejects a catalog call whose literal parameters break one of the entry's rules, as
 * hardtanh(x, 2, 1) does. Parameters given as sliders are not checked here.
 */
function checkConstantRules(
	entry: CatalogEntry,
	parameters: readonly ExpressionNode[],
): void {
	const values: Record<string, number> = {};
	entry.parameters.forEach((definition, index) => {
		const passed = parameters[index];
		const value =
			passed === undefined ? definition.default : literalValue(passed);
		if (value !== null) {
			values[definition.name] = value;
		}
	});
	const rule = brokenRule(entry, values);
	if (rule === null) {
		return;
	}
	const condition = describeRule(rule);
	const actual = [rule.parameter, rule.bound]
		.filter((name): name is string => typeof name === "string")
		.map((name) => `${name} ${String(values[name])}`)
		.join(" and ");
	throw new KernelError(
		`${entry.name} requires ${condition}, but this call gives ${actual}; change the arguments so that ${condition}`,
		entry.name,
	);
}

function expectArguments(
	name: string,
	count: number,
	min: number,
	max: number,
	entry?: CatalogEntry,
): void {
	if (count >= min && count <= max) {
		return;
	}
	if (entry !== undefined) {
		const names = entry.parameters
			.map((parameter) => parameter.name)
			.join(", ");
		const rest =
			names === ""
				? "no parameters"
				: `at most its parameters ${names} in that order`;
		throw new KernelError(
			`${name} takes x and ${rest}; got ${count} arguments`,
			name,
		);
	}
	const expected =
		min === max
			? `${min}`
			: max === Infinity
				? `${min} or more`
				: `${min} to ${max}`;
	const noun = min === 1 && max === 1 ? "argument" : "arguments";
	throw new KernelError(
		`${name} takes ${expected} ${noun}; got ${count}`,
		name,
	);
}

/** Builds the error for syntax the expression language does not have, naming what was written. */
function rejectSyntax(node: MathNode): KernelError {
	const text = node.toString().replace(/\s+/g, " ");
	switch (node.type) {
		case "AccessorNode": {
			const property = accessedProperty(node);
			return new KernelError(
				`property access is not allowed in an expression: ${text}`,
				property ?? text,
			);
		}
		case "AssignmentNode":
			return new KernelError(
				`assignment is not allowed: ${text}; only name(x) = expression defines a function`,
				assignedName(node) ?? text,
			);
		case "FunctionAssignmentNode":
			return new KernelError(
				`a function definition is allowed only as the whole source, as name(x) = expression: ${text}`,
				text,
			);
		case "ArrayNode":
			return new KernelError(
				`matrices are not allowed in an expression: ${text}`,
				text,
			);
		case "ObjectNode":
			return new KernelError(
				`objects are not allowed in an expression: ${text}`,
				text,
			);
		case "RangeNode":
			return new KernelError(
				`ranges are not allowed in an expression: ${text}`,
				text,
			);
		case "BlockNode":
			return new KernelError(
				`an expression must be a single formula; remove the ';' or line break in ${text}`,
				text,
			);
		case "FunctionNode":
			return new KernelError(
				`only named functions can be called: ${text}`,
				text,
			);
		default:
			return new KernelError(
				`${node.type} is not allowed in an expression: ${text}`,
				text,
			);
	}
}

function accessedProperty(node: MathNode): string | null {
	const index = (node as unknown as { index?: { dimensions?: MathNode[] } })
		.index;
	const first = index?.dimensions?.[0];
	if (first?.type === "ConstantNode") {
		return String((first as unknown as ConstantView).value);
	}
	return first === undefined ? null : first.toString();
}

function assignedName(node: MathNode): string | null {
	const object = (node as unknown as { object?: MathNode }).object;
	return object?.type === "SymbolNode"
		? (object as unknown as SymbolView).name
		: null;
}

/**
 * Checks a parsed expression against the whitelist and compiles it. `declared` are the
 * parameter names the expression may read. Nothing is evaluated.
 */
export function compileTree(
	root: MathNode,
	declared: readonly string[],
): CompiledExpression {
	checkTreeSize(root);
	return new Compiler(declared).compile(root);
}
