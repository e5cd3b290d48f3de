import {
	LineCounter,
	parseDocument,
	type Document,
	type YAMLError,
} from "yaml";
import {
	hasTabIndent,
	normalizeSource,
	TAB_WIDTHS,
	type NormalizedSource,
} from "./source";

/** A block body parsed as YAML, after the rewrites that `normalizeSource` makes. */
export interface YamlBody {
	normalized: NormalizedSource;
	document: Document.Parsed;
	counter: LineCounter;
	errors: readonly YAMLError[];
}

function parseWith(text: string, tabWidth: number): YamlBody {
	const normalized = normalizeSource(text, tabWidth);
	const counter = new LineCounter();
	const document = parseDocument(normalized.text, {
		lineCounter: counter,
		uniqueKeys: true,
	});
	return { normalized, document, counter, errors: document.errors };
}

/**
 * Parses a body as YAML with duplicate keys as errors. A body indented with tabs is tried
 * with each tab width in turn, and the first width that YAML reads without errors wins,
 * so a pasted tab-indented block plots whenever some tab width makes it valid.
 */
export function parseYamlBody(text: string): YamlBody {
	const [firstWidth, ...otherWidths] = TAB_WIDTHS;
	const first = parseWith(text, firstWidth);
	if (first.errors.length === 0 || !hasTabIndent(text)) {
		return first;
	}
	for (const width of otherWidths) {
		const attempt = parseWith(text, width);
		if (attempt.errors.length === 0) {
			return attempt;
		}
	}
	return first;
}
