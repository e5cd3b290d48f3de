import type { MathNode } from "mathjs";
import {
	CATALOG,
	findCatalogEntry,
	resolveCatalogParameters,
	type CatalogEntry,
} from "./catalog";
import { KernelError } from "./errors";
import { compileTree } from "./expression/compile";
import { ExpressionEvaluator } from "./expression/interpret";
import { findExpressionKinks } from "./expression/kinks";
import {
	CALLABLE_NAMES,
	CONSTANTS,
	RESERVED_NAMES,
	VARIABLE,
} from "./expression/names";
import { checkSourceLength, parseExpression } from "./expression/parse";
import { expressionTex, functionNameTex, gradientTex } from "./expression/tex";
import { exactProbe, isSmoothSwitch, measureKinks, sortKinks } from "./kinks";
import { suggestName } from "./suggest";
import type {
	Activation,
	Formula,
	Kink,
	ParameterDefinition,
	ParameterValues,
} from "./types";

/** Slider range given to expression parameters; the block layer replaces it. */
const EXPRESSION_PARAMETER_RANGE = { default: 1, min: -5, max: 5, step: 0.01 };

/** A name that can label a function definition: letters, digits and underscores. */
const DEFINITION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function ownValue(values: ParameterValues, name: string): number | undefined {
	return Object.prototype.hasOwnProperty.call(values, name)
		? values[name]
		: undefined;
}

/** Wraps a catalog entry as an Activation. */
function catalogActivation(entry: CatalogEntry): Activation {
	const resolve = (values: ParameterValues) =>
		resolveCatalogParameters(entry, values);
	return {
		source: entry.name,
		label: entry.name,
		kind: "catalog",
		parameters: entry.parameters,
		formula: entry.formula,
		evaluate: (x, values, value, gradient) =>
			entry.evaluate(x, resolve(values), value, gradient),
		kinks: (x, values) => catalogKinks(entry, resolve(values), x),
	};
}

/** The kinks of a catalog entry inside the grid's range, at their exact breakpoints. */
function catalogKinks(
	entry: CatalogEntry,
	parameters: number[],
	x: Float64Array,
): Kink[] {
	if (x.length === 0) {
		return [];
	}
	const low = x[0] as number;
	const high = x[x.length - 1] as number;
	const inside = entry
		.breakpoints(parameters)
		.filter((point) => point >= low && point <= high);
	const kinks = measureKinks(
		inside.map(exactProbe),
		(points, value, gradient) =>
			entry.evaluate(points, parameters, value, gradient),
	);
	return sortKinks(kinks).filter((kink) => !isSmoothSwitch(kink, 0));
}

/** Splits `name(x) = body` into its label and body; anything else is its own body. */
function splitDefinition(tree: MathNode): {
	label: string | null;
	body: MathNode;
} {
	if (tree.type !== "FunctionAssignmentNode") {
		return { label: null, body: tree };
	}
	const definition = tree as unknown as {
		name: string;
		params: string[];
		expr: MathNode;
	};
	const params = definition.params;
	if (params.length !== 1 || params[0] !== VARIABLE) {
		throw new KernelError(
			`a definition takes exactly one argument named x, as in ${definition.name}(x) = ...; got ${definition.name}(${params.join(", ")})`,
			definition.name,
		);
	}
	checkDefinitionName(definition.name);
	return { label: definition.name, body: definition.expr };
}

/** Rejects a definition named like the variable, a constant, a function or a keyword. */
function checkDefinitionName(name: string): void {
	if (!RESERVED_NAMES.includes(name)) {
		return;
	}
	const meaning =
		name === VARIABLE
			? "the variable"
			: Object.prototype.hasOwnProperty.call(CONSTANTS, name)
				? "a constant"
				: CALLABLE_NAMES.includes(name)
					? "a function"
					: "a reserved word";
	throw new KernelError(
		`definition name '${name}' is already ${meaning}; rename the definition, for example to my_${name}(x) = ..., or write the expression alone`,
		name,
	);
}

function checkDeclaredParameters(declared: readonly string[]): void {
	for (const name of declared) {
		if (RESERVED_NAMES.includes(name)) {
			const replacement = name === "__proto__" ? "proto" : `${name}_1`;
			throw new KernelError(
				`parameter '${name}' has a reserved name; choose another name, such as ${replacement}`,
				name,
			);
		}
		if (!DEFINITION_NAME.test(name)) {
			throw new KernelError(
				`parameter name '${name}' is not a valid identifier`,
				name,
			);
		}
	}
}

/** Rejects a lone unknown name with the catalog wording: "unknown activation 'switch'". */
function checkLoneName(source: string, declared: readonly string[]): void {
	const name = source.trim();
	if (
		!DEFINITION_NAME.test(name) ||
		name === VARIABLE ||
		declared.includes(name)
	) {
		return;
	}
	if (RESERVED_NAMES.includes(name)) {
		return;
	}
	const suggestion = suggestName(
		name,
		CATALOG.map((candidate) => candidate.name),
	);
	if (suggestion !== null) {
		throw new KernelError(
			`unknown activation '${name}'; did you mean '${suggestion}'?`,
			name,
			suggestion,
		);
	}
	throw new KernelError(
		`unknown activation '${name}'; use a catalog name such as relu or an expression in x`,
		name,
	);
}

/**
 * Returns the LaTeX of an expression's value and gradient. The gradient is worked out on
 * first read, because only captions show it.
 */
function expressionFormula(body: MathNode, name: string | null): Formula {
	let gradient: string | null | undefined;
	return {
		...(name === null ? {} : { name: functionNameTex(name) }),
		value: expressionTex(body),
		get gradient() {
			if (gradient === undefined) {
				gradient = gradientTex(body);
			}
			return gradient;
		},
	};
}

/**
 * Compiles a catalog name, an expression in x, or `name(x) = expression` into an
 * Activation. `declaredParameters` are the names an expression may read (a block's
 * `params`). Throws KernelError, before evaluating anything, for every name, operator
 * or construct outside the expression language.
 */
export function compileActivation(
	source: string,
	declaredParameters: readonly string[] = [],
): Activation {
	checkSourceLength(source);
	const entry = findCatalogEntry(source.trim());
	if (entry !== undefined) {
		return catalogActivation(entry);
	}
	checkDeclaredParameters(declaredParameters);
	checkLoneName(source, declaredParameters);
	const tree = parseExpression(source);
	const { label, body } = splitDefinition(tree);
	const compiled = compileTree(body, declaredParameters);
	const evaluator = new ExpressionEvaluator(compiled);
	const parameters: ParameterDefinition[] = compiled.used.map((name) => ({
		name,
		...EXPRESSION_PARAMETER_RANGE,
	}));
	const resolve = (values: ParameterValues) =>
		Float64Array.from(
			compiled.declared,
			(name) => ownValue(values, name) ?? EXPRESSION_PARAMETER_RANGE.default,
		);
	return {
		source,
		label: label ?? source.trim(),
		kind: "expression",
		parameters,
		formula: expressionFormula(body, label),
		evaluate: (x, values, value, gradient) =>
			evaluator.evaluate(x, resolve(values), value, gradient),
		kinks: (x, values) => findExpressionKinks(evaluator, resolve(values), x),
	};
}
