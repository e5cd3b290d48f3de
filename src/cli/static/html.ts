import type { BlockError, FunctionSpec } from "../../block/spec";
import { formatBlockError } from "../../block/spec";
import type { MarkSample } from "../../chart/samples";
import { formatNumber } from "../../chart/format";
import { AUTOMATIC_GRADIENT_NOTE, captionTex } from "../../chart/caption";

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

function element(
	tag: string,
	className: string | null,
	content: string,
): string {
	const classAttribute = className === null ? "" : ` class="${className}"`;
	return `<${tag}${classAttribute}>${content}</${tag}>`;
}

/** Writes a bad block's errors as the chart draws them: "line N: ..." and the line quoted. */
export function errorsHtml(errors: BlockError[], body: string): string {
	const lines = body.split(/\r?\n/);
	const items = errors.map((error) => {
		const message = element(
			"div",
			"activation-error-message",
			escapeHtml(formatBlockError(error)),
		);
		const line = lines[error.line - 1];
		const quoted =
			line !== undefined && line.trim() !== ""
				? element("pre", "activation-error-line", escapeHtml(line))
				: "";
		return element("div", "activation-error-item", message + quoted);
	});
	return `<div class="activation-error" role="alert">${items.join("")}</div>`;
}

/** Writes a failure that is not the block's fault, such as a canvas that could not be drawn. */
export function failureHtml(reason: string): string {
	const message = element(
		"div",
		"activation-error-message",
		escapeHtml(`The chart could not be drawn: ${reason}`),
	);
	return `<div class="activation-error" role="alert">${message}</div>`;
}

/**
 * Writes the `at` table with the same headings and number format as the live chart's:
 * x, f(x) and f'(x), with the function's name first when the block draws several.
 */
export function marksHtml(marks: MarkSample[], seriesCount: number): string {
	if (marks.length === 0) {
		return "";
	}
	const named = seriesCount > 1;
	const headings = named
		? ["function", "x", "f(x)", "f'(x)"]
		: ["x", "f(x)", "f'(x)"];
	const head = element(
		"thead",
		null,
		element(
			"tr",
			null,
			headings.map((text) => element("th", null, escapeHtml(text))).join(""),
		),
	);
	const rows = marks.map((mark) => {
		const cells = [
			formatNumber(mark.x),
			formatNumber(mark.value),
			formatNumber(mark.gradient),
		];
		if (named) {
			cells.unshift(mark.label);
		}
		return element(
			"tr",
			null,
			cells.map((cell) => element("td", null, escapeHtml(cell))).join(""),
		);
	});
	return `<table class="activation-marks">${head}${element("tbody", null, rows.join(""))}</table>`;
}

/** Typesets TeX as inline SVG markup, or null to show the TeX source as code. */
export type TypesetTex = ((tex: string) => string) | null;

function formulaHtml(tex: string, typeset: TypesetTex): string {
	const content =
		typeset === null
			? element("code", "activation-tex", escapeHtml(tex))
			: typeset(tex);
	return element("span", "activation-caption-formula", content);
}

/** Writes the caption as the chart does: f(x) and f'(x) of each function, typeset when possible. */
export function captionHtml(
	functions: FunctionSpec[],
	typeset: TypesetTex,
): string {
	const rows = functions.map((entry) => {
		const name =
			functions.length > 1
				? element(
						"span",
						"activation-caption-name",
						escapeHtml(entry.activation.label),
					)
				: "";
		const formula = captionTex(entry.activation.formula);
		const value = formulaHtml(formula.value, typeset);
		const gradient =
			formula.gradient === null
				? element("span", "activation-caption-formula", AUTOMATIC_GRADIENT_NOTE)
				: formulaHtml(formula.gradient, typeset);
		return element("div", "activation-caption-row", name + value + gradient);
	});
	return element("div", "activation-caption", rows.join(""));
}
