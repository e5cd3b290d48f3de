import { isMap, isScalar, isSeq, type Node } from "yaml";
import { compileActivation, KernelError } from "../kernel";
import type { FunctionSpec } from "./spec";
import { itemsOf, type BlockReader } from "./reader";

/** A function of the block as written, before it is compiled. */
export interface FunctionSource {
	source: string;
	line: number;
}

const FUNCTION_HINT =
	"write a catalog name such as relu, or an expression in x such as x * sigmoid(x)";

function readOne(
	reader: BlockReader,
	item: Node,
	keyLine: number,
): FunctionSource | null {
	const line = reader.lineOf(item, keyLine);
	if (
		isScalar(item) &&
		typeof item.value === "string" &&
		item.value.trim() !== ""
	) {
		return { source: item.value.trim(), line };
	}
	if (isScalar(item) && typeof item.value === "number") {
		return { source: reader.sourceOf(item), line };
	}

	if (isMap(item)) {
		const written = reader.sourceOf(item);
		reader.fail(
			line,
			"function",
			`the function ${`'${written}'`} contains ': ', which YAML reads as a key; ` +
				`put the expression in quotes, as in - "${written.replace(/"/g, '\\"')}"`,
		);
		return null;
	}

	const written =
		isScalar(item) && item.value === null
			? "empty"
			: `not ${reader.sourceOf(item)}`;
	reader.fail(
		line,
		"function",
		`function must be a name or an expression, ${written}; ${FUNCTION_HINT}`,
	);
	return null;
}

/**
 * Reads `function`: one name or expression, or a list of them. Returns the functions
 * that could be read; problems are reported on the reader.
 */
export function readFunctionSources(
	reader: BlockReader,
	node: Node | null,
	keyLine: number,
): FunctionSource[] {
	if (node === null || (isScalar(node) && node.value === null)) {
		reader.fail(keyLine, "function", `function has no value; ${FUNCTION_HINT}`);
		return [];
	}
	if (isSeq(node) && node.items.length === 0) {
		reader.fail(
			keyLine,
			"function",
			`function is an empty list; ${FUNCTION_HINT}, or a list such as [sigmoid, tanh]`,
		);
		return [];
	}

	const sources: FunctionSource[] = [];
	for (const item of itemsOf(node)) {
		const source = readOne(reader, item, keyLine);
		if (source !== null) {
			sources.push(source);
		}
	}
	return sources;
}

/** A function that did not compile, reported once the parameters are checked. */
export interface FunctionFailure {
	line: number;
	message: string;
	/** The symbol the kernel rejected, such as an undeclared name. */
	symbol: string | null;
}

/**
 * Compiles each function with the block's declared parameter names. A function that
 * fails is left out of the result and returned as a failure for the caller to report.
 */
export function compileFunctions(
	sources: readonly FunctionSource[],
	declaredParameters: readonly string[],
): { functions: FunctionSpec[]; failures: FunctionFailure[] } {
	const functions: FunctionSpec[] = [];
	const failures: FunctionFailure[] = [];
	for (const { source, line } of sources) {
		try {
			const activation = compileActivation(source, declaredParameters);
			functions.push({ source, activation, line });
		} catch (error) {
			if (error instanceof KernelError) {
				failures.push({ line, message: error.message, symbol: error.symbol });
			} else {
				const reason = error instanceof Error ? error.message : String(error);
				failures.push({
					line,
					message: `cannot compile '${source}': ${reason}`,
					symbol: null,
				});
			}
		}
	}
	return { functions, failures };
}
