import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import {
	compileFunctions,
	readFunctionSources,
	type FunctionSource,
} from "./functions";
import {
	readAnnotate,
	readAt,
	readCaption,
	readLayout,
	readRange,
	readSamples,
	readShow,
	readTitle,
} from "./options";
import { checkParameterRules } from "./parameter-rules";
import {
	checkParameterNames,
	readParameterEntries,
	reservedNames,
	resolveParameters,
	type ParameterEntries,
} from "./parameters";
import { BlockReader, didYouMean } from "./reader";
import {
	BLOCK_KEYS,
	contentLines,
	findShorthand,
	type BlockKey,
} from "./source";
import {
	DEFAULT_BLOCK_DEFAULTS,
	type ActivationSpec,
	type BlockDefaults,
	type BlockError,
	type ParseResult,
} from "./spec";
import { describeYamlErrors } from "./syntax-errors";
import { parseYamlBody } from "./yaml-body";

const EMPTY_MESSAGE =
	"the block is empty; write an activation name such as relu, or function: <expression>";

function failure(errors: BlockError[]): ParseResult {
	const sorted = [...errors].sort((a, b) => a.line - b.line);
	return { ok: false, errors: sorted };
}

/** The value nodes of the known keys, with the line of each key. */
type KeyNodes = Map<BlockKey, { node: Node | null; line: number }>;

/** Collects the root map's keys, reporting unknown and malformed ones. */
function collectKeys(
	reader: BlockReader,
	pairs: readonly Pair<unknown, unknown>[],
): KeyNodes {
	const keys: KeyNodes = new Map();
	for (const pair of pairs) {
		const keyNode = pair.key as Node | null;
		const line = reader.lineOf(keyNode, 1);
		const name = isScalar(keyNode)
			? String(keyNode.value)
			: reader.sourceOf(keyNode);
		if (!(BLOCK_KEYS as readonly string[]).includes(name)) {
			const hint =
				didYouMean(name, BLOCK_KEYS) ||
				`; the keys are ${BLOCK_KEYS.join(", ")}`;
			reader.fail(line, name, `unknown key '${name}'${hint}`);
			continue;
		}
		// YAML has reported a repeated key already; the first one is validated.
		if (!keys.has(name as BlockKey)) {
			keys.set(name as BlockKey, {
				node: (pair.value as Node | null) ?? null,
				line,
			});
		}
	}
	return keys;
}

function readRoot(
	reader: BlockReader,
	root: Node | null,
	firstLine: number,
): KeyNodes | null {
	if (isMap(root)) {
		return collectKeys(reader, root.items);
	}
	if (isSeq(root)) {
		reader.fail(
			firstLine,
			null,
			"the block is a list; to plot several functions write function: [sigmoid, tanh]",
		);
		return null;
	}
	if (root === null || (isScalar(root) && root.value === null)) {
		reader.fail(firstLine, null, EMPTY_MESSAGE);
		return null;
	}
	reader.fail(
		firstLine,
		null,
		"the block has several lines but no 'key: value' lines; write one key per line, " +
			"such as function: relu, or function: [sigmoid, tanh] for several functions",
	);
	return null;
}

/** The keys of a spec that come from options rather than from the functions. */
type SpecOptions = Omit<
	ActivationSpec,
	"functions" | "parameters" | "title" | "shorthand"
>;

/** Reads every key but `function` and `params`, filling in the defaults for missing keys. */
function readOptions(
	reader: BlockReader,
	keys: KeyNodes,
	defaults: BlockDefaults,
): SpecOptions & { title: string | null } {
	const option = <T>(
		key: BlockKey,
		read: (node: Node | null, line: number) => T | null,
	): T | null | undefined => {
		const entry = keys.get(key);
		return entry === undefined ? undefined : read(entry.node, entry.line);
	};

	const domain = option("x", (node, line) =>
		readRange(reader, node, "x", line),
	);
	// An invalid x is reported already, so `at` skips its range check then.
	const atDomain = domain === null ? null : (domain ?? defaults.domain);
	return {
		domain: domain ?? [...defaults.domain],
		samples:
			option("samples", (node, line) => readSamples(reader, node, line)) ??
			defaults.samples,
		y: option("y", (node, line) => readRange(reader, node, "y", line)) ?? null,
		gradientY:
			option("gradient-y", (node, line) =>
				readRange(reader, node, "gradient-y", line),
			) ?? null,
		show: option("show", (node, line) => readShow(reader, node, line)) ?? [
			...defaults.show,
		],
		layout:
			option("layout", (node, line) => readLayout(reader, node, line)) ??
			defaults.layout,
		at:
			option("at", (node, line) => readAt(reader, node, line, atDomain)) ?? [],
		annotate: option("annotate", (node, line) =>
			readAnnotate(reader, node, line),
		) ?? [...defaults.annotate],
		caption:
			option("caption", (node, line) => readCaption(reader, node, line)) ??
			defaults.caption,
		title:
			option("title", (node, line) => readTitle(reader, node, line)) ?? null,
	};
}

/**
 * Builds a spec: compiles the functions with the declared parameter names, resolves
 * the parameters, and reads the other keys. Returns null when anything was reported.
 */
function buildSpec(
	reader: BlockReader,
	keys: KeyNodes,
	sources: readonly FunctionSource[],
	entries: ParameterEntries,
	defaults: BlockDefaults,
	shorthand: boolean,
): ActivationSpec | null {
	const reserved = reservedNames();
	const declared = entries.names.filter((name) => !reserved.has(name));
	const compiled = compileFunctions(sources, declared);

	const catalogParameters = new Set<string>();
	for (const { activation } of compiled.functions) {
		if (activation.kind === "catalog") {
			for (const definition of activation.parameters) {
				catalogParameters.add(definition.name);
			}
		}
	}
	const accepted = checkParameterNames(
		reader,
		entries.entries,
		catalogParameters,
	);

	// A parameter named like a function (exp, relu) is reported on the params line, so
	// the function that uses it does not also get the advice to call it as a function.
	const acceptedNames = new Set(accepted.map((entry) => entry.name));
	const rejectedNames = new Set(
		entries.names.filter((name) => !acceptedNames.has(name)),
	);
	for (const failure of compiled.failures) {
		if (failure.symbol === null || !rejectedNames.has(failure.symbol)) {
			reader.fail(failure.line, "function", failure.message);
		}
	}

	// Unused parameters are reported only when every function compiled, because a
	// function that failed may be the one that uses them.
	const complete = compiled.failures.length === 0 && sources.length > 0;
	const parameters = resolveParameters(
		reader,
		compiled.functions,
		accepted,
		complete,
	);
	checkParameterRules(reader, compiled.functions, accepted, parameters);

	const options = readOptions(reader, keys, defaults);
	const labels = compiled.functions.map(({ activation }) => activation.label);
	const spec: ActivationSpec = {
		...options,
		functions: compiled.functions,
		parameters,
		title: options.title ?? labels.join(", "),
		shorthand,
	};
	return reader.errors.length === 0 ? spec : null;
}

function parseShorthand(
	text: string,
	defaults: BlockDefaults,
	source: FunctionSource,
): ParseResult {
	const reader = new BlockReader(text, null);
	const spec = buildSpec(
		reader,
		new Map(),
		[source],
		{ entries: [], names: [] },
		defaults,
		true,
	);
	return spec === null ? failure(reader.errors) : { ok: true, spec };
}

/**
 * The deepest nesting of `[`, `{` or one-line list items a block may use. A block needs
 * three levels at most (`params: {beta: {value: 1}}`), while the recursive parser of
 * yaml 2.9 ran out of stack at 1,000 levels under Node 20 here.
 */
const MAX_BRACKET_DEPTH = 32;

/**
 * Returns the first line where brackets, or list items written on one line as in
 * `- - - 1`, nest deeper than the limit, or null.
 */
function findDeepNesting(text: string): number | null {
	let depth = 0;
	let line = 1;
	let items = 0;
	let lineStart = true;
	for (const character of text) {
		if (lineStart && character === "-") {
			items += 1;
			if (items > MAX_BRACKET_DEPTH) {
				return line;
			}
		} else if (character !== " " && character !== "\t") {
			lineStart = false;
		}

		if (character === "\n") {
			line += 1;
			items = 0;
			lineStart = true;
		} else if (character === "[" || character === "{") {
			depth += 1;
			if (depth > MAX_BRACKET_DEPTH) {
				return line;
			}
		} else if ((character === "]" || character === "}") && depth > 0) {
			depth -= 1;
		}
	}
	return null;
}

function parseYamlBlock(
	text: string,
	defaults: BlockDefaults,
	firstLine: number,
): ParseResult {
	const deepLine = findDeepNesting(text);
	if (deepLine !== null) {
		return failure([
			{
				line: deepLine,
				key: null,
				message: `lists and maps nest more than ${MAX_BRACKET_DEPTH} levels deep; a block needs at most three, as in params: {beta: {value: 1}}`,
			},
		]);
	}

	const body = parseYamlBody(text);
	const reader = new BlockReader(body.normalized.text, body.counter);
	const syntaxErrors = describeYamlErrors(
		body.errors,
		body.normalized.text,
		body.counter,
	);
	// Only repeated keys leave the structure intact, so other syntax errors end the parse.
	if (body.errors.some((error) => error.code !== "DUPLICATE_KEY")) {
		return failure(syntaxErrors);
	}
	reader.errors.push(...syntaxErrors);

	const keys = readRoot(reader, body.document.contents ?? null, firstLine);
	if (keys === null) {
		return failure(reader.errors);
	}

	const functionKey = keys.get("function");
	let sources: FunctionSource[] = [];
	if (functionKey === undefined) {
		reader.fail(
			firstLine,
			"function",
			"the block has no function; write function: relu, or an expression such as function: x * sigmoid(x)",
		);
	} else {
		sources = readFunctionSources(reader, functionKey.node, functionKey.line);
	}

	const paramsKey = keys.get("params");
	const entries =
		paramsKey === undefined
			? { entries: [], names: [] }
			: readParameterEntries(reader, paramsKey.node, paramsKey.line);

	const spec = buildSpec(reader, keys, sources, entries, defaults, false);
	return spec === null ? failure(reader.errors) : { ok: true, spec };
}

/**
 * Parses and validates the body of an `activation` block. Never throws: every problem,
 * an unexpected exception included, becomes an error with the 1-based line of the body,
 * the key, and what to write instead. Keys the block leaves out take `defaults`.
 */
export function parseBlock(
	text: string,
	defaults: BlockDefaults = DEFAULT_BLOCK_DEFAULTS,
): ParseResult {
	try {
		const lines = contentLines(text);
		const firstLine = lines[0];
		if (firstLine === undefined) {
			return failure([{ line: 1, key: null, message: EMPTY_MESSAGE }]);
		}

		const shorthand = findShorthand(text);
		if (shorthand !== null) {
			return parseShorthand(text, defaults, shorthand);
		}
		return parseYamlBlock(text, defaults, firstLine);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return failure([
			{
				line: 1,
				key: null,
				message: `the block could not be read (${reason}); check it against the keys function, params, x and samples`,
			},
		]);
	}
}
