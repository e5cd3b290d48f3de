import { parseBlock } from "../block/parse";
import { formatBlockError } from "../block/spec";
import { captionTex } from "../chart/caption";

/** Facts about one activation block body that the command line reports or typesets. */
export interface BlockReport {
	/** The block's problems as `line N: message` strings; empty when the block is valid. */
	problems: string[];
	/** TeX of the formulas the chart's caption shows, as the chart writes them. */
	captionTex: string[];
}

/**
 * Parses one activation block body with the block syntax's defaults and returns its
 * problems and the TeX of its caption, which the page typesets in advance because the
 * browser has no MathJax.
 */
export function inspectBlock(body: string): BlockReport {
	const result = parseBlock(body);
	if (!result.ok) {
		return { problems: result.errors.map(formatBlockError), captionTex: [] };
	}

	const formulas: string[] = [];
	if (result.spec.caption) {
		for (const entry of result.spec.functions) {
			const formula = captionTex(entry.activation.formula);
			formulas.push(formula.value);
			if (formula.gradient !== null) {
				formulas.push(formula.gradient);
			}
		}
	}
	return { problems: [], captionTex: formulas };
}
