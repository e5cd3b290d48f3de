import type { ChartTheme } from "../../chart/theme";
import { pageStyle, type Theme } from "../page-style";

/** Font size of chart text in CSS pixels, as the chart uses in Obsidian. */
const FONT_SIZE = 12;

/** Obsidian's series colours in the order the chart assigns them. */
const SERIES_VARIABLES = [
	"--color-blue",
	"--color-orange",
	"--color-green",
	"--color-purple",
	"--color-red",
	"--color-cyan",
	"--color-pink",
];

/** Reads the custom properties of the page's `:root` rule, one `--name: value;` at a time. */
function rootVariables(theme: Theme): Map<string, string> {
	const css = pageStyle(theme);
	const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
	const variables = new Map<string, string>();
	for (const match of root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
		const [, name, value] = match;
		if (name !== undefined && value !== undefined) {
			variables.set(name, value.replace(/\s+/g, " ").trim());
		}
	}
	return variables;
}

/** Resolves `var(--name)` references, which the page uses for its interface font. */
function resolve(
	variables: Map<string, string>,
	value: string,
	depth = 0,
): string {
	if (depth > 8) {
		return value;
	}
	return value.replace(/var\((--[\w-]+)\)/g, (_whole, name: string) =>
		resolve(variables, variables.get(name) ?? "", depth + 1),
	);
}

/**
 * Returns the chart theme of the preview's light or dark page, read from the same CSS
 * variables that the page defines, so static images match the page around them.
 */
export function chartThemeFor(theme: Theme): ChartTheme {
	const variables = rootVariables(theme);
	const read = (name: string, fallback: string): string => {
		const value = variables.get(name);
		return value === undefined ? fallback : resolve(variables, value);
	};
	return {
		text: read("--text-normal", "#222222"),
		muted: read("--text-muted", "#5c5c5c"),
		grid: read("--background-modifier-border", "#e0e0e0"),
		background: read("--background-primary", "#ffffff"),
		fontFamily: read("--font-interface", "sans-serif"),
		fontSize: FONT_SIZE,
		series: SERIES_VARIABLES.map((name) => read(name, "#086ddd")),
	};
}
