import type { FunctionSpec } from "../block/spec";
import { createElement } from "./dom";
import type { Formula } from "../kernel/types";

/** The line a caption shows in place of a gradient formula that the kernel cannot write. */
export const AUTOMATIC_GRADIENT_NOTE =
	"The gradient is computed by automatic differentiation.";

/** Returns the caption's TeX for f(x) and f'(x), with a definition's own name for f. */
export function captionTex(formula: Formula): {
	value: string;
	gradient: string | null;
} {
	const name = formula.name ?? "f";
	return {
		value: `${name}(x) = ${formula.value}`,
		gradient:
			formula.gradient === null ? null : `${name}'(x) = ${formula.gradient}`,
	};
}

export type RenderMath =
	((tex: string, display: boolean) => HTMLElement) | null;

function appendFormula(
	parent: HTMLElement,
	tex: string,
	renderMath: RenderMath,
): void {
	if (renderMath === null) {
		createElement(parent, "code", "activation-tex", tex);
		return;
	}
	parent.appendChild(renderMath(tex, false));
}

/**
 * Writes the formulas of each function under the chart: f(x) and f'(x) typeset by the
 * host, as TeX source where the host cannot typeset math. An expression without a
 * symbolic gradient says that automatic differentiation computes it.
 */
export function renderCaption(
	parent: HTMLElement,
	functions: FunctionSpec[],
	renderMath: RenderMath,
): void {
	const caption = createElement(parent, "div", "activation-caption");
	for (const entry of functions) {
		const row = createElement(caption, "div", "activation-caption-row");
		if (functions.length > 1) {
			createElement(
				row,
				"span",
				"activation-caption-name",
				entry.activation.label,
			);
		}
		const formula = captionTex(entry.activation.formula);
		const value = createElement(row, "span", "activation-caption-formula");
		appendFormula(value, formula.value, renderMath);
		const gradient = createElement(row, "span", "activation-caption-formula");
		if (formula.gradient === null) {
			gradient.textContent = AUTOMATIC_GRADIENT_NOTE;
		} else {
			appendFormula(gradient, formula.gradient, renderMath);
		}
	}
}
