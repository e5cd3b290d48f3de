export type Theme = "light" | "dark";

export const THEMES: readonly Theme[] = ["light", "dark"];

const FONTS = `
	--font-text: ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", "Inter", Roboto,
		"Helvetica Neue", Arial, "Noto Sans", sans-serif;
	--font-interface: var(--font-text);
	--font-monospace: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo,
		Consolas, monospace;
	--font-text-size: 16px;
	--line-height-normal: 1.5;
	--radius-s: 4px;
	--radius-m: 8px;
	--file-line-width: 46rem;
`;

/**
 * The CSS variables of Obsidian's default theme (1.x) that charts and this page read, by
 * theme, with the default accent hsl(258, 88%, 66%). The light base colours and palette
 * were compared with a copy of Obsidian's app.css; the dark values were not.
 */
const THEME_VARIABLES: Readonly<Record<Theme, string>> = {
	light: `
	color-scheme: light;
	--background-primary: #ffffff;
	--background-primary-alt: #fafafa;
	--background-secondary: #f6f6f6;
	--background-modifier-border: #e0e0e0;
	--background-modifier-hover: rgba(0, 0, 0, 0.067);
	--text-normal: #222222;
	--text-muted: #5c5c5c;
	--text-faint: #ababab;
	--text-accent: hsl(258, 88%, 66%);
	--text-highlight-bg: rgba(255, 208, 0, 0.4);
	--code-background: #fafafa;
	--interactive-accent: hsl(258, 88%, 66%);
	--color-red: #e93147;
	--color-orange: #ec7500;
	--color-yellow: #e0ac00;
	--color-green: #08b94e;
	--color-cyan: #00bfbc;
	--color-blue: #086ddd;
	--color-purple: #7852ee;
	--color-pink: #d53984;
`,
	dark: `
	color-scheme: dark;
	--background-primary: #1e1e1e;
	--background-primary-alt: #242424;
	--background-secondary: #262626;
	--background-modifier-border: #363636;
	--background-modifier-hover: rgba(255, 255, 255, 0.067);
	--text-normal: #dadada;
	--text-muted: #bababa;
	--text-faint: #666666;
	--text-accent: hsl(258, 88%, 72%);
	--text-highlight-bg: rgba(255, 208, 0, 0.4);
	--code-background: #242424;
	--interactive-accent: hsl(258, 88%, 66%);
	--color-red: #fb464c;
	--color-orange: #e9973f;
	--color-yellow: #e0de71;
	--color-green: #44cf6e;
	--color-cyan: #53dfdd;
	--color-blue: #027aff;
	--color-purple: #a882ff;
	--color-pink: #fa99cd;
`,
};

/** Callout types Obsidian colours, with the colour variable each one takes. */
const CALLOUT_COLOURS: readonly [string[], string][] = [
	[["note", "info", "todo"], "--color-blue"],
	[["abstract", "summary", "tldr", "tip", "hint", "important"], "--color-cyan"],
	[["success", "check", "done"], "--color-green"],
	[
		["question", "help", "faq", "warning", "caution", "attention"],
		"--color-orange",
	],
	[["failure", "fail", "missing", "danger", "error", "bug"], "--color-red"],
	[["example"], "--color-purple"],
	[["quote", "cite"], "--text-muted"],
];

function calloutRules(): string {
	return CALLOUT_COLOURS.map(([types, colour]) => {
		const selectors = types
			.map((type) => `.callout[data-callout="${type}"]`)
			.join(",\n");
		return `${selectors} { --callout-color: var(${colour}); }`;
	}).join("\n");
}

const LAYOUT = `
* { box-sizing: border-box; }
html { background: var(--background-primary); }
body {
	margin: 0;
	background: var(--background-primary);
	color: var(--text-normal);
	font-family: var(--font-text);
	font-size: var(--font-text-size);
	line-height: var(--line-height-normal);
	-webkit-font-smoothing: antialiased;
}
.markdown-preview-view {
	max-width: var(--file-line-width);
	margin: 0 auto;
	padding: 2rem 1.5rem 4rem;
	overflow-wrap: break-word;
}
.inline-title { font-size: 2.2em; font-weight: 700; line-height: 1.2; margin: 0 0 1rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; break-after: avoid; }
h1 { font-size: 1.8em; }
h2 { font-size: 1.5em; }
h3 { font-size: 1.3em; }
p, ul, ol { margin: 0.75em 0; }
a { color: var(--text-accent); }
.internal-link { color: var(--text-accent); text-decoration: underline; text-underline-offset: 2px; }
mark { background: var(--text-highlight-bg); color: inherit; padding: 0 1px; }
code {
	font-family: var(--font-monospace);
	font-size: 0.875em;
	background: var(--code-background);
	border-radius: var(--radius-s);
	padding: 0.1em 0.25em;
}
pre {
	background: var(--code-background);
	border: 1px solid var(--background-modifier-border);
	border-radius: var(--radius-s);
	padding: 0.75em 1em;
	overflow-x: auto;
}
pre code { background: none; padding: 0; }
blockquote {
	margin: 1em 0;
	padding: 0 0 0 1.25em;
	border-left: 2px solid var(--interactive-accent);
}
hr { border: none; border-top: 1px solid var(--background-modifier-border); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--background-modifier-border); padding: 0.25em 0.75em; }
img { max-width: 100%; }
.math-block, .math-display { display: block; margin: 0.75em 0; overflow-x: auto; overflow-y: hidden; text-align: center; }
.math-inline mjx-container { display: inline-block; }
.embed-missing {
	display: inline-block;
	margin: 0.25em 0.25em 0.25em 0;
	padding: 1.5em 1em;
	min-width: 12em;
	text-align: center;
	color: var(--text-muted);
	font-family: var(--font-interface);
	font-size: 0.875em;
	border: 1px dashed var(--text-faint);
	border-radius: var(--radius-m);
	background: var(--background-secondary);
}
.callout {
	--callout-color: var(--color-blue);
	margin: 1em 0;
	padding: 0.75em 1em;
	border-left: 4px solid var(--callout-color);
	border-radius: var(--radius-s);
	background: color-mix(in srgb, var(--callout-color) 10%, transparent);
}
.callout-title { font-weight: 600; color: var(--callout-color); }
.callout-content > :last-child { margin-bottom: 0; }
.activation-block { margin: 1em 0; break-inside: avoid; }
@page { margin: 16mm 14mm; }
@media print {
	html, body { background: #ffffff; }
	.markdown-preview-view { max-width: none; padding: 0; }
	pre, blockquote, .callout, .math-block, img { break-inside: avoid; }
}
`;

/**
 * Returns the page's own CSS: the theme's variables on :root, then the page layout.
 * Paper is white, so print takes the light theme's variables whatever the theme.
 */
export function pageStyle(theme: Theme): string {
	const variables = `:root {${FONTS}${THEME_VARIABLES[theme]}}`;
	const print = `@media print {\n:root {${THEME_VARIABLES.light}}\n}`;
	return `${variables}\n${LAYOUT}\n${calloutRules()}\n${print}\n`;
}
