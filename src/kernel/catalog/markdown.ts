import { ELEMENTARY_FUNCTIONS } from "../expression/names";
import type { CatalogEntry } from "./entry";

/** Formats a number for the docs with at most 6 significant digits. */
function formatNumber(value: number): string {
	return String(Number(value.toPrecision(6)));
}

/** Escapes the pipe that would end a Markdown table cell. */
function tableCell(text: string): string {
	return text.replace(/\|/g, "\\|");
}

function callSignature(entry: CatalogEntry): string {
	const names = ["x", ...entry.parameters.map((parameter) => parameter.name)];
	return `${entry.name}(${names.join(", ")})`;
}

function parameterSummary(entry: CatalogEntry): string {
	if (entry.parameters.length === 0) {
		return "none";
	}
	return entry.parameters
		.map(
			(parameter) => `${parameter.name} = ${formatNumber(parameter.default)}`,
		)
		.join(", ");
}

function entrySection(entry: CatalogEntry): string[] {
	const lines = [`## ${entry.name}`, "", entry.description, ""];
	if (entry.parameters.length > 0) {
		lines.push(
			"| parameter | default | slider min | slider max | step |",
			"|---|---|---|---|---|",
		);
		for (const parameter of entry.parameters) {
			const cells = [
				parameter.default,
				parameter.min,
				parameter.max,
				parameter.step,
			].map(formatNumber);
			lines.push(`| \`${parameter.name}\` | ${cells.join(" | ")} |`);
		}
		lines.push("");
	}
	for (const rule of entry.rules ?? []) {
		const bound =
			typeof rule.bound === "number" ? formatNumber(rule.bound) : rule.bound;
		lines.push(
			`Requires \`${rule.parameter} ${rule.operator} ${bound}\`; a block that breaks this shows an error, and sliders that cross leave the chart empty with a note.`,
			"",
		);
	}
	lines.push(
		"Value:",
		"",
		"$$",
		`f(x) = ${entry.formula.value}`,
		"$$",
		"",
		"Gradient:",
		"",
		"$$",
		`f'(x) = ${entry.formula.gradient ?? ""}`,
		"$$",
		"",
		`Kinks: ${entry.kinkConvention}`,
		"",
		`In an expression: \`${callSignature(entry)}\`.`,
		"",
	);
	return lines;
}

/**
 * Renders the catalog as the Markdown of docs/functions.md: a summary table, then one
 * section per function with its parameters, formulas and kink convention.
 */
export function renderFunctionsDoc(catalog: readonly CatalogEntry[]): string {
	const lines = [
		"# Activation functions",
		"",
		"<!-- Generated from the kernel's catalog by `npx tsx scripts/generate-functions-doc.ts`; edit the catalog, not this file. -->",
		"",
		"Every function below can be the `function` of an `activation` block by its name, and can be called inside an expression with x first and its parameters after it, in the order listed: `softplus(2 * x, 2)`, `leaky_relu(x, 0.2)`. Definitions, defaults and the gradient reported at each kink follow PyTorch 2.7 and later. Values and gradients are computed in float64 with numerically stable formulas, so they stay accurate in the tails.",
		"",
		"| function | parameters | description |",
		"|---|---|---|",
		...catalog.map(
			(entry) =>
				`| [${entry.name}](#${entry.name}) | ${parameterSummary(entry)} | ${tableCell(entry.description)} |`,
		),
		"",
		...catalog.flatMap(entrySection),
		"## Expressions",
		"",
		`Besides the functions above, an expression may use numbers, \`x\`, the parameters declared under the block's \`params\`, \`pi\`, \`e\`, \`+ - * / ^\`, implicit multiplication (\`2x\`), comparisons, \`and\`, \`or\`, \`not\`, \`condition ? a : b\`, and the elementary functions ${ELEMENTARY_FUNCTIONS.map((name) => `\`${name}\``).join(", ")}. \`min\` and \`max\` take two or more arguments; \`pow(a, b)\` is \`a ^ b\`.`,
		"",
		"Gradients of expressions are exact (forward-mode automatic differentiation). At kinks they follow PyTorch's autograd: `abs'(0) = 0`, `sign' = 0`, a tie in `max` or `min` splits the gradient evenly between the two sides, comparisons have gradient 0, and a conditional takes the gradient of the branch it selects. So `max(0, x) + alpha * min(0, x)` has gradient (1 + alpha) / 2 at 0, while `prelu` has alpha there. With more than two arguments, `max` and `min` work pairwise from the left, like nested `torch.maximum` calls, so at a tie of three the split depends on the order: `max(x, 0, -x)` has gradient -1/4 at 0 and `max(-x, x, 0)` has 0. A caption (`caption: true`) writes the same rules into its gradient formula.",
		"",
	];
	return lines.join("\n");
}
