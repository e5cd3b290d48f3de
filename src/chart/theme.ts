/** Colours and font that a chart takes from the Obsidian theme's CSS variables. */
export interface ChartTheme {
	text: string;
	muted: string;
	grid: string;
	background: string;
	fontFamily: string;
	fontSize: number;
	/** One colour per series, in order; series beyond the list reuse it from the start. */
	series: string[];
}

/** Obsidian's series colours with its default light-theme values as fallbacks. */
const SERIES_VARIABLES: readonly (readonly [string, string])[] = [
	["--color-blue", "#086ddd"],
	["--color-orange", "#ec7500"],
	["--color-green", "#08b94e"],
	["--color-purple", "#7852ee"],
	["--color-red", "#e93147"],
	["--color-cyan", "#00bfbc"],
	["--color-pink", "#d53984"],
];

const FONT_SIZE = 12;

function readVariable(
	style: CSSStyleDeclaration,
	names: string[],
	fallback: string,
): string {
	for (const name of names) {
		const value = style.getPropertyValue(name).trim();
		if (value !== "") {
			return value;
		}
	}
	return fallback;
}

/** Reads the theme from the CSS variables in effect on an element. */
export function readTheme(element: HTMLElement): ChartTheme {
	const view = element.ownerDocument.defaultView ?? window;
	const style = view.getComputedStyle(element);
	return {
		text: readVariable(style, ["--text-normal"], "#222222"),
		muted: readVariable(style, ["--text-muted"], "#5c5c5c"),
		grid: readVariable(style, ["--background-modifier-border"], "#e0e0e0"),
		background: readVariable(style, ["--background-primary"], "#ffffff"),
		fontFamily: readVariable(
			style,
			["--font-interface", "--font-text"],
			"sans-serif",
		),
		fontSize: FONT_SIZE,
		series: SERIES_VARIABLES.map(([name, fallback]) =>
			readVariable(style, [name], fallback),
		),
	};
}

/** Returns the colour of the series at an index. */
export function seriesColour(theme: ChartTheme, index: number): string {
	return theme.series[index % theme.series.length] ?? "#086ddd";
}

const normalisers = new WeakMap<Document, CanvasRenderingContext2D | null>();

/**
 * Returns a colour with an opacity, as `rgba(...)`. The canvas parses the colour, so any
 * CSS colour syntax the browser knows works; an unknown one comes back as opaque grey.
 */
export function withAlpha(
	document: Document,
	colour: string,
	alpha: number,
): string {
	let context = normalisers.get(document);
	if (context === undefined) {
		context = document.createElement("canvas").getContext("2d");
		normalisers.set(document, context);
	}
	if (context === null) {
		return colour;
	}
	context.fillStyle = "#808080";
	context.fillStyle = colour;
	const normalised = String(context.fillStyle);
	const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normalised);
	if (hex !== null) {
		const [red, green, blue] = [hex[1], hex[2], hex[3]].map((part) =>
			parseInt(part ?? "0", 16),
		);
		return `rgba(${red}, ${green}, ${blue}, ${alpha})`;
	}
	const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(normalised);
	if (rgba !== null) {
		return `rgba(${rgba[1]?.trim()}, ${rgba[2]?.trim()}, ${rgba[3]?.trim()}, ${alpha})`;
	}
	return normalised;
}
