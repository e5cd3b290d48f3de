/**
 * fast-check generators of hostile input for the block parser and the expression
 * interpreter: expression trees, extreme numbers, whole block bodies, mutations of valid
 * blocks and raw text with control and non-ASCII characters.
 */
import fc from "fast-check";
import { BLOCK_KEYS } from "../../src/block";
import { CATALOG, ELEMENTARY_FUNCTIONS } from "../../src/kernel";

/** Parameter names that blocks declare in `params` and expressions read. */
export const PARAMETER_NAMES = ["a", "b", "alpha", "beta", "k"] as const;

/** Numbers at the edges of float64, written as a block or an expression would write them. */
const EXTREME_LITERALS = [
	"0",
	"-0",
	"0.0",
	"1e308",
	"-1e308",
	"1.7976931348623157e308",
	"1e309",
	"5e-324",
	"2.2250738585072014e-308",
	"1e-320",
	"1e-12",
	"9007199254740993",
	".5",
	"1e5",
	"100000",
	"100001",
	"1e9",
	"NaN",
	"Infinity",
	".nan",
	".inf",
	"-.inf",
	"0x10",
	"1_000",
];

/** Formats a double as JavaScript prints it, which also covers NaN, -0 and Infinity. */
function formatDouble(value: number): string {
	return Object.is(value, -0) ? "-0" : String(value);
}

/** A number as text: ordinary values, float64 extremes and forms YAML reads differently. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.integer({ min: -10, max: 10 }).map(String) },
	{ weight: 2, arbitrary: fc.constantFrom(...EXTREME_LITERALS) },
	{ weight: 2, arbitrary: fc.double().map(formatDouble) },
	{
		weight: 1,
		arbitrary: fc
			.double({ min: -1e-300, max: 1e-300, noNaN: true })
			.map(formatDouble),
	},
);

const UNARY_CALLS = ELEMENTARY_FUNCTIONS.filter(
	(name) => !["min", "max", "pow"].includes(name),
);
const CATALOG_NAMES = CATALOG.map((entry) => entry.name);

const BINARY_OPERATORS = [
	"+",
	"-",
	"*",
	"/",
	"^",
	"<",
	"<=",
	">",
	">=",
	"==",
	"!=",
	"and",
	"or",
	" ",
	"%",
	"mod",
	".*",
];

/** Names the interpreter does not accept, to reach its rejection paths. */
const FOREIGN_NAMES = [
	"foo",
	"sqrt2",
	"factorial",
	"Exp",
	"x2",
	"import",
	"ƒ",
	"ä",
];

/** Leaves of an expression tree: x, numbers, constants, parameters and foreign names. */
const leaf: fc.Arbitrary<string> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant("x") },
	{ weight: 4, arbitrary: numberText },
	{ weight: 1, arbitrary: fc.constantFrom("pi", "e") },
	{ weight: 2, arbitrary: fc.constantFrom(...PARAMETER_NAMES) },
	{ weight: 1, arbitrary: fc.constantFrom(...FOREIGN_NAMES) },
);

/**
 * Random expression trees printed as text: arithmetic, comparisons, logic,
 * conditionals, elementary and catalog calls (sometimes with a wrong number of
 * arguments), implicit multiplication and redundant brackets.
 */
export const expressionText: fc.Arbitrary<string> = fc.letrec<{ node: string }>(
	(tie) => ({
		node: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			leaf,
			fc
				.tuple(tie("node"), fc.constantFrom(...BINARY_OPERATORS), tie("node"))
				.map(([left, operator, right]) => `(${left} ${operator} ${right})`),
			fc
				.tuple(tie("node"), fc.constantFrom(...BINARY_OPERATORS), tie("node"))
				.map(([left, operator, right]) => `${left}${operator}${right}`),
			fc
				.tuple(fc.constantFrom("-", "+", "not ", "- -"), tie("node"))
				.map(([operator, operand]) => `${operator}${operand}`),
			fc
				.tuple(tie("node"), tie("node"), tie("node"))
				.map(
					([condition, then, otherwise]) =>
						`(${condition} ? ${then} : ${otherwise})`,
				),
			fc
				.tuple(fc.constantFrom(...UNARY_CALLS), tie("node"))
				.map(([name, argument]) => `${name}(${argument})`),
			fc
				.tuple(
					fc.constantFrom("min", "max", "pow"),
					fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
				)
				.map(([name, args]) => `${name}(${args.join(", ")})`),
			fc
				.tuple(
					fc.constantFrom(...CATALOG_NAMES),
					fc.array(tie("node"), { minLength: 0, maxLength: 4 }),
				)
				.map(([name, args]) => `${name}(${args.join(", ")})`),
			fc
				.tuple(fc.integer({ min: 2, max: 9 }), tie("node"))
				.map(([factor, operand]) => `${factor}${operand}`),
			tie("node").map((inner) => `(${inner})`),
		),
	}),
).node;

/** Expressions nested far beyond the interpreter's limits, or close to them. */
export const deepExpressionText: fc.Arbitrary<string> = fc
	.tuple(
		fc.integer({ min: 50, max: 3000 }),
		fc.constantFrom(
			"(",
			"sin(",
			"-",
			"- ",
			"2^",
			"x ? ",
			"abs(",
			"relu(",
			"[",
			"x+",
		),
	)
	.map(([depth, opener]) => {
		const closer = opener.endsWith("(") ? ")" : opener === "[" ? "]" : "";
		const tail = opener === "x ? " ? " : 1" : "";
		return opener.repeat(depth) + "x" + (closer + tail).repeat(depth);
	});

/** A `function:` value: a catalog name, an expression, a definition or a list. */
const functionValue: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...CATALOG_NAMES) },
	{ weight: 4, arbitrary: expressionText },
	{ weight: 1, arbitrary: expressionText.map((body) => `"f(x) = ${body}"`) },
	{ weight: 1, arbitrary: expressionText.map((body) => `'${body}'`) },
	{
		weight: 2,
		arbitrary: fc
			.array(fc.oneof(fc.constantFrom(...CATALOG_NAMES), expressionText), {
				minLength: 0,
				maxLength: 4,
			})
			.map((items) => `[${items.join(", ")}]`),
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom("", "~", "null", "[]", "{}", "|", ">"),
	},
);

/** A two-number range such as `[-6, 6]`, with extreme, reversed and malformed forms. */
const rangeValue: fc.Arbitrary<string> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc
			.tuple(numberText, numberText)
			.map(([low, high]) => `[${low}, ${high}]`),
	},
	{
		weight: 1,
		arbitrary: fc
			.array(numberText, { maxLength: 4 })
			.map((items) => `[${items.join(", ")}]`),
	},
	{ weight: 1, arbitrary: numberText },
	{
		weight: 1,
		arbitrary: fc.constantFrom("[a, b]", "[1, 2", "[]", "{min: 1, max: 2}"),
	},
);

/** A parameter's value: a number or a slider range map. */
const parameterValue: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: numberText },
	{
		weight: 2,
		arbitrary: fc
			.tuple(numberText, numberText, numberText, numberText)
			.map(
				([value, min, max, step]) =>
					`{value: ${value}, min: ${min}, max: ${max}, step: ${step}}`,
			),
	},
	{
		weight: 1,
		arbitrary: fc
			.subarray(["value: 1", "min: -2", "max: 3", "step: 0", "colour: 1"])
			.map((fields) => `{${fields.join(", ")}}`),
	},
	{ weight: 1, arbitrary: fc.constantFrom("", "x", "[1, 2]", "{}") },
);

/** A `params` value: a flow map or an indented block map on the following lines. */
const paramsValue: fc.Arbitrary<string> = fc
	.tuple(
		fc.array(
			fc.tuple(
				fc.oneof(
					{ weight: 6, arbitrary: fc.constantFrom(...PARAMETER_NAMES) },
					{
						weight: 1,
						arbitrary: fc.constantFrom(
							"exp",
							"relu",
							"x",
							"pi",
							"not",
							"2a",
							"",
						),
					},
				),
				parameterValue,
			),
			{ maxLength: 4 },
		),
		fc.boolean(),
	)
	.map(([entries, flow]) =>
		flow
			? `{${entries.map(([name, value]) => `${name}: ${value}`).join(", ")}}`
			: entries.map(([name, value]) => `\n  ${name}: ${value}`).join(""),
	);

/** A list of words, or one word, from `options` and some foreign ones. */
function wordsValue(options: readonly string[]): fc.Arbitrary<string> {
	const word = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...options) },
		{ weight: 1, arbitrary: fc.constantFrom("both", "", "42", "true") },
	);
	return fc.oneof(
		word,
		fc.array(word, { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
	);
}

/** Values for each key of a block, valid and invalid. */
const VALUE_BY_KEY: Record<string, fc.Arbitrary<string>> = {
	function: functionValue,
	params: paramsValue,
	x: rangeValue,
	y: rangeValue,
	"gradient-y": rangeValue,
	samples: fc.oneof(
		fc.integer({ min: 2, max: 2000 }).map(String),
		fc.constantFrom(
			"0",
			"1",
			"2",
			"100000",
			"100001",
			"1e9",
			"-3",
			"2.5",
			"many",
		),
		numberText,
	),
	show: wordsValue(["value", "gradient"]),
	layout: wordsValue(["side-by-side", "stacked", "overlay"]),
	at: fc.oneof(
		numberText,
		fc
			.array(numberText, { maxLength: 5 })
			.map((items) => `[${items.join(", ")}]`),
	),
	annotate: wordsValue(["max-gradient", "saturation", "kinks", "none"]),
	caption: fc.constantFrom("true", "false", "yes", "1", ""),
	title: fc.oneof(
		fc.string({ maxLength: 20 }),
		fc.constantFrom('"a: b"', "'unclosed", "ReLU"),
	),
};

/** One `key: value` line, occasionally with an unknown key, odd spacing or a comment. */
const keyLine: fc.Arbitrary<string> = fc
	.tuple(
		fc.oneof(
			{ weight: 12, arbitrary: fc.constantFrom(...BLOCK_KEYS) },
			{
				weight: 1,
				arbitrary: fc.constantFrom("colour", "domain", "Function", "fn", "-"),
			},
		),
		fc.constantFrom(": ", ":", " : ", ":\t", ": "),
		fc.constantFrom("", "", "", " # note", "  "),
	)
	.chain(([key, separator, trailer]) =>
		(VALUE_BY_KEY[key] ?? functionValue).map(
			(value) => `${key}${separator}${value}${trailer}`,
		),
	);

/** A block body of `key: value` lines, usually with a `function` line among them. */
export const structuredBlock: fc.Arbitrary<string> = fc
	.tuple(
		fc.option(
			functionValue.map((value) => `function: ${value}`),
			{ freq: 8, nil: null },
		),
		fc.array(keyLine, { maxLength: 7 }),
		fc.nat(),
	)
	.map(([functionLine, lines, position]) => {
		if (functionLine !== null) {
			lines.splice(position % (lines.length + 1), 0, functionLine);
		}
		return lines.join("\n");
	});

/** Valid blocks to mutate, from the documentation's examples and typical notes. */
export const SEED_BLOCKS: readonly string[] = [
	"relu",
	"x > 0 ? x : 0.1 * x",
	"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]\nat: [0, 1.5]",
	"function: [sigmoid, tanh]\nlayout: overlay",
	'function: "f(x) = max(0, x) + alpha * min(0, x)"\nparams: {alpha: 0.25}',
	"function: leaky_relu\nparams: {negative_slope: 0.2}\nsamples: 801\nannotate: [kinks, saturation]",
	"function: gelu\nshow: gradient\ny: [-1, 2]\ngradient-y: [-0.5, 1.5]\ncaption: true\ntitle: GELU",
	"# sigmoid and its gradient\nfunction: sigmoid\nx: [-10, 10]\nlayout: stacked",
	"function:\n  - relu\n  - softplus(x, 2)\n  - x * tanh(log1p(exp(x)))\nat: 0",
	"function: a * x^2 + b\nparams:\n  a: {value: 0.5, min: -1, max: 1, step: 0.1}\n  b: 1",
];

/** Characters that break parsers: controls, quotes, YAML indicators and non-ASCII. */
const HOSTILE_CHARACTERS = [
	"\t",
	"\r",
	"\r\n",
	"\n",
	"\0",
	"\u0007",
	"\u001b",
	"\u007f",
	"\u00a0",
	"\u2028",
	"\u200b",
	"\ufeff",
	"\ud800",
	"é",
	"π",
	"−",
	"×",
	"😀",
	'"',
	"'",
	":",
	"#",
	"-",
	"[",
	"]",
	"{",
	"}",
	"&",
	"*",
	"!",
	"|",
	">",
	"%",
	"@",
	"`",
	"?",
	",",
];

type Mutation = (text: string) => string;

/** One random edit of a block's text. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc
		.tuple(fc.nat(), fc.constantFrom(...HOSTILE_CHARACTERS))
		.map(([at, character]): Mutation => (text) => {
			const index = at % (text.length + 1);
			return text.slice(0, index) + character + text.slice(index);
		}),
	fc
		.tuple(fc.nat(), fc.integer({ min: 1, max: 8 }))
		.map(([at, length]): Mutation => (text) => {
			const index = at % (text.length + 1);
			return text.slice(0, index) + text.slice(index + length);
		}),
	fc
		.tuple(fc.nat(), fc.constantFrom("\t", "  ", " ", "\t\t", "- "))
		.map(([line, indent]): Mutation => (text) => {
			const lines = text.split("\n");
			const index = line % lines.length;
			lines[index] = indent + (lines[index] ?? "");
			return lines.join("\n");
		}),
	fc.nat().map((line): Mutation => (text) => {
		const lines = text.split("\n");
		const index = line % lines.length;
		lines.splice(index, 0, lines[index] ?? "");
		return lines.join("\n");
	}),
	fc
		.tuple(
			fc.nat(),
			fc.integer({ min: 100, max: 20_000 }),
			fc.constantFrom("x+", "a", " ", "(x)", "é"),
		)
		.map(([at, count, piece]): Mutation => (text) => {
			const index = at % (text.length + 1);
			return text.slice(0, index) + piece.repeat(count) + text.slice(index);
		}),
	fc.constant<Mutation>((text) => text.replace(/\n/g, "\r\n")),
	fc.constant<Mutation>((text) =>
		text.replace(/^ +/gm, (spaces) =>
			"\t".repeat(Math.ceil(spaces.length / 2)),
		),
	),
	fc.constant<Mutation>((text) => `\n\n${text}\n# trailing comment\n`),
);

/** A valid block with a few random edits. */
export const mutatedBlock: fc.Arbitrary<string> = fc
	.tuple(
		fc.constantFrom(...SEED_BLOCKS),
		fc.array(mutation, { minLength: 1, maxLength: 4 }),
	)
	.map(([seed, edits]) => edits.reduce((text, edit) => edit(text), seed));

/** Raw text: any code units, including lone surrogates, and text built from YAML's characters. */
export const rawBlock: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: "binary", maxLength: 200 }),
	fc.string({ unit: "grapheme", maxLength: 200 }),
	fc
		.array(
			fc.constantFrom(...HOSTILE_CHARACTERS, "function", "x", "relu", " ", "1"),
			{ maxLength: 60 },
		)
		.map((pieces) => pieces.join("")),
);

/** Parameters that well-formed expressions read, declared in `params` when used. */
const WELL_FORMED_PARAMETERS = ["a", "b", "k"] as const;

/** Expressions of the interpreter's language only, so that most of them compile. */
export const wellFormedExpression: fc.Arbitrary<string> = fc.letrec<{
	node: string;
}>((tie) => ({
	node: fc.oneof(
		{ depthSize: "small", withCrossShrink: true },
		fc.oneof(
			{ weight: 6, arbitrary: fc.constant("x") },
			{
				weight: 3,
				arbitrary: numberText.filter((text) =>
					/^-?[\d.]+(e[-+]?\d+)?$/.test(text),
				),
			},
			{
				weight: 1,
				arbitrary: fc.constantFrom("pi", "e", ...WELL_FORMED_PARAMETERS),
			},
		),
		fc
			.tuple(
				tie("node"),
				fc.constantFrom("+", "-", "*", "/", "^", "<", ">=", "==", "and", "or"),
				tie("node"),
			)
			.map(([left, operator, right]) => `(${left} ${operator} ${right})`),
		tie("node").map((operand) => `-${operand}`),
		fc
			.tuple(tie("node"), tie("node"), tie("node"))
			.map(
				([condition, then, otherwise]) =>
					`(${condition} ? ${then} : ${otherwise})`,
			),
		fc
			.tuple(fc.constantFrom(...UNARY_CALLS), tie("node"))
			.map(([name, argument]) => `${name}(${argument})`),
		fc
			.tuple(fc.constantFrom("min", "max", "pow"), tie("node"), tie("node"))
			.map(([name, left, right]) => `${name}(${left}, ${right})`),
		fc
			.tuple(fc.constantFrom(...CATALOG_NAMES), tie("node"))
			.map(([name, argument]) => `${name}(${argument})`),
	),
})).node;

/** Domains from ordinary to the edges of float64: huge, tiny, subnormal and one-sided. */
export const wellFormedDomain: fc.Arbitrary<[number, number]> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.tuple(
			fc.integer({ min: -20, max: -1 }),
			fc.integer({ min: 1, max: 20 }),
		),
	},
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.double({ noNaN: true, noDefaultInfinity: true }),
				fc.double({ noNaN: true, noDefaultInfinity: true }),
			)
			.filter(([low, high]) => low < high)
			.map(([low, high]): [number, number] => [low, high]),
	},
	{
		weight: 2,
		arbitrary: fc.constantFrom<[number, number]>(
			[-1e308, 1e308],
			[-1.7976931348623157e308, 1.7976931348623157e308],
			[1e307, 1e308],
			[-1e300, 1e300],
			[0, 1e-300],
			[5e-324, 1e-323],
			[-1e-320, 1e-320],
			[-1000, 1000],
			[1e15, 1e15 + 1],
		),
	},
);

/** A block that the parser should usually accept: every key valid, expressions well formed. */
export const wellFormedBlock: fc.Arbitrary<string> = fc
	.record({
		functions: fc.array(
			fc.oneof(
				{ weight: 1, arbitrary: fc.constantFrom(...CATALOG_NAMES) },
				{ weight: 2, arbitrary: wellFormedExpression },
			),
			{ minLength: 1, maxLength: 3 },
		),
		values: fc.array(
			numberText.filter((text) => /^-?[\d.]+(e[-+]?\d+)?$/.test(text)),
			{ minLength: 3, maxLength: 3 },
		),
		domain: fc.option(wellFormedDomain, { nil: null }),
		samples: fc.option(
			fc.oneof(
				{ weight: 8, arbitrary: fc.integer({ min: 2, max: 1500 }) },
				{ weight: 1, arbitrary: fc.constantFrom(2, 3, 20_000, 100_000) },
			),
			{ nil: null },
		),
		at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
		layout: fc.option(fc.constantFrom("side-by-side", "stacked", "overlay"), {
			nil: null,
		}),
		show: fc.option(fc.constantFrom("value", "gradient", "[value, gradient]"), {
			nil: null,
		}),
		annotate: fc.option(
			fc.constantFrom("none", "kinks", "[max-gradient, saturation, kinks]"),
			{ nil: null },
		),
		y: fc.option(wellFormedDomain, { nil: null }),
	})
	.map((block) => {
		const lines = [
			block.functions.length === 1
				? `function: "${block.functions[0] ?? "relu"}"`
				: `function: [${block.functions.map((source) => JSON.stringify(source)).join(", ")}]`,
		];
		const used = WELL_FORMED_PARAMETERS.filter((name) =>
			block.functions.some((source) =>
				new RegExp(`\\b${name}\\b`).test(source),
			),
		);
		if (used.length > 0) {
			lines.push("params:");
			used.forEach((name, index) =>
				lines.push(`  ${name}: ${block.values[index] ?? "1"}`),
			);
		}
		const [low, high] = block.domain ?? [-8, 8];
		if (block.domain !== null) lines.push(`x: [${low}, ${high}]`);
		if (block.samples !== null) lines.push(`samples: ${block.samples}`);
		if (block.at.length > 0)
			lines.push(
				`at: [${block.at.map((t) => low + t * (high - low)).join(", ")}]`,
			);
		if (block.layout !== null) lines.push(`layout: ${block.layout}`);
		if (block.show !== null) lines.push(`show: ${block.show}`);
		if (block.annotate !== null) lines.push(`annotate: ${block.annotate}`);
		if (block.y !== null) lines.push(`y: [${block.y[0]}, ${block.y[1]}]`);
		return lines.join("\n");
	});

/** Every kind of block body that the fuzz tests feed the parser. */
export const anyBlock: fc.Arbitrary<string> = fc.oneof(
	{ weight: 5, arbitrary: wellFormedBlock },
	{ weight: 5, arbitrary: structuredBlock },
	{ weight: 4, arbitrary: mutatedBlock },
	{ weight: 2, arbitrary: expressionText },
	{ weight: 1, arbitrary: deepExpressionText },
	{ weight: 2, arbitrary: rawBlock },
);
