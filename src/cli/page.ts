import { pageStyle, type Theme } from "./page-style";

/** Files that every preview page inlines. */
export interface PageAssets {
	/**
	 * The browser runtime that mounts a chart in every activation block, or null for a
	 * page without script whose blocks are drawn already.
	 */
	runtimeScript: string | null;
	/** The plugin's styles.css, which styles the charts as in Obsidian. */
	chartStyles: string;
}

export interface PageContent {
	title: string;
	/** The note rendered to HTML. */
	bodyHtml: string;
	/** CSS that MathJax's SVG output expects. */
	mathStyles: string;
	/** Typeset caption formulas, each a `<span data-tex="TeX">` around its SVG. */
	captionMath: string;
	theme: Theme;
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

/**
 * Makes text safe inside a <script> or <style> element: the HTML parser ends those
 * elements at the first `</script` or `</style`, whatever the JavaScript or CSS around it.
 * `<\/` means the same as `</` inside JavaScript strings, regular expressions and CSS.
 */
function escapeRawText(text: string, element: "script" | "style"): string {
	const closing = new RegExp(`</(${element})`, "gi");
	return text.replace(closing, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * Assembles one standalone HTML page: everything it shows and runs is inline, so it opens
 * from a file:// URL with no network. The content security policy enforces that in the
 * browser, which loads nothing but the page itself and data: URIs.
 */
export function buildPage(content: PageContent, assets: PageAssets): string {
	const policy = [
		"default-src 'none'",
		"img-src data:",
		"style-src 'unsafe-inline'",
		"font-src data:",
	];
	if (assets.runtimeScript !== null) {
		policy.push("script-src 'unsafe-inline'");
	}
	const styles = [
		pageStyle(content.theme),
		content.mathStyles,
		assets.chartStyles,
	].join("\n");
	const mathStore =
		content.captionMath === ""
			? ""
			: `<div class="activation-math" hidden>\n${content.captionMath}\n</div>\n`;
	const script =
		assets.runtimeScript === null
			? ""
			: `<script>\n${escapeRawText(assets.runtimeScript, "script")}\n</script>\n`;

	return `<!DOCTYPE html>
<html lang="en" class="theme-${content.theme}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy.join("; ")}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="activation-charts">
<title>${escapeHtml(content.title)}</title>
<style>
${escapeRawText(styles, "style")}
</style>
</head>
<body class="theme-${content.theme}">
<main class="markdown-preview-view markdown-rendered">
<h1 class="inline-title">${escapeHtml(content.title)}</h1>
${content.bodyHtml}
</main>
${mathStore}${script}</body>
</html>
`;
}
