import {
	Ticks,
	type Chart,
	type ChartOptions,
	type FontSpec,
	type ScaleOptions,
	type Tick,
} from "chart.js";
import type { ZoomPluginOptions } from "chartjs-plugin-zoom/types/options";
import type { ActivationSpec, Panel } from "../block/spec";
import type { ChartSlot } from "./datasets";
import type { ChartTheme } from "./theme";

/**
 * Minimum width of a y axis in CSS pixels, title included. Stacked panels then start
 * their plot areas at the same x whenever their tick labels fit, so the x axes line up.
 */
const Y_AXIS_MIN_WIDTH = 64;

/** Narrowest x range that zooming reaches, as a share of the block's domain. */
const MIN_ZOOM_SHARE = 1e-6;

export interface OptionsInput {
	slot: ChartSlot;
	spec: ActivationSpec;
	theme: ChartTheme;
	animate: boolean;
	domain: [number, number];
	/** Number of line datasets at the start of the datasets, the only ones in the legend. */
	lines: number;
	/** Title and lines of the tooltip at the pointer. */
	describe: (fallbackX: number) => { title: string; lines: string[] };
	/** Called while the user zooms or pans a chart. */
	onZoom: (chart: Chart) => void;
}

type LinearScale = ScaleOptions<"linear">;

function font(theme: ChartTheme): Partial<FontSpec> {
	return { family: theme.fontFamily, size: theme.fontSize };
}

const AXIS_TITLES: Record<Panel, string> = { value: "f(x)", gradient: "f'(x)" };

/** Magnitudes outside [1e-4, 1e5) get exponent notation, as Chart.js's own formatter does. */
const EXPONENT_BELOW = 1e-4;
const EXPONENT_FROM = 1e5;

/**
 * Formats a tick label with as many significant digits as the tick spacing needs, because
 * Chart.js's formatter keeps one digit in exponent notation, so that 1.2e306 and 1.4e306
 * both read "1E306".
 */
function formatTick(
	this: unknown,
	value: number | string,
	index: number,
	ticks: Tick[],
): string {
	const numeric = Number(value);
	const magnitude = Math.abs(numeric);
	if (
		numeric === 0 ||
		(magnitude >= EXPONENT_BELOW && magnitude < EXPONENT_FROM)
	) {
		const label: string = Ticks.formatters.numeric.call(
			this as never,
			numeric,
			index,
			ticks,
		);
		return label;
	}
	const first = ticks[0]?.value ?? numeric;
	const second = ticks[1]?.value ?? numeric;
	const spacing = Math.abs(second - first);
	const digits =
		spacing > 0 && Number.isFinite(spacing)
			? Math.min(
					15,
					Math.max(1, Math.ceil(Math.log10(magnitude / spacing)) + 1),
				)
			: 1;
	return numeric
		.toExponential(digits - 1)
		.replace(/\.?0+e/, "e")
		.replace("e+", "e")
		.toUpperCase();
}

function axis(theme: ChartTheme, title: string): LinearScale {
	return {
		type: "linear",
		title: {
			display: true,
			text: title,
			color: theme.muted,
			font: font(theme),
		},
		ticks: { color: theme.muted, font: font(theme), callback: formatTick },
		grid: { color: theme.grid },
		border: { color: theme.grid },
	};
}

function yAxis(
	input: OptionsInput,
	panel: Panel,
	position: "left" | "right",
): LinearScale {
	const range = panel === "value" ? input.spec.y : input.spec.gradientY;
	const scale = axis(input.theme, AXIS_TITLES[panel]);
	scale.position = position;
	if (range !== null) {
		scale.min = range[0];
		scale.max = range[1];
	}
	if (position === "right" && scale.grid !== undefined) {
		scale.grid.drawOnChartArea = false;
	}
	scale.afterFit = (fitted) => {
		fitted.width = Math.max(fitted.width, Y_AXIS_MIN_WIDTH);
	};
	return scale;
}

function scales(input: OptionsInput): Record<string, LinearScale> {
	const x = axis(input.theme, "x");
	x.min = input.domain[0];
	x.max = input.domain[1];
	const result: Record<string, LinearScale> = { x };
	input.slot.panels.forEach((panel, index) => {
		result[index === 0 ? "y" : "y1"] = yAxis(
			input,
			panel,
			index === 0 ? "left" : "right",
		);
	});
	return result;
}

function zoomOptions(input: OptionsInput): ZoomPluginOptions {
	const width = input.spec.domain[1] - input.spec.domain[0];
	const onZoom = ({ chart }: { chart: Chart }) => input.onZoom(chart);
	return {
		pan: { enabled: true, mode: "x", threshold: 5, onPan: onZoom },
		zoom: {
			// Wheel zoom needs Ctrl so that the wheel still scrolls the note. A trackpad pinch
			// arrives as wheel events with Ctrl set, so it zooms too.
			wheel: { enabled: true, modifierKey: "ctrl" },
			pinch: { enabled: true },
			mode: "x",
			onZoom,
		},
		limits: { x: { minRange: width * MIN_ZOOM_SHARE } },
	};
}

/** Builds the options of one Chart.js instance; nothing is read from Chart.defaults changes. */
export function buildOptions(input: OptionsInput): ChartOptions<"line"> {
	const theme = input.theme;
	return {
		responsive: true,
		maintainAspectRatio: false,
		animation: input.animate ? { duration: 400 } : false,
		normalized: false,
		interaction: { mode: "index", intersect: false, axis: "x" },
		scales: scales(input),
		plugins: {
			legend: {
				display: input.lines > 1,
				labels: {
					color: theme.text,
					font: font(theme),
					boxHeight: 2,
					filter: (item) => (item.datasetIndex ?? 0) < input.lines,
				},
			},
			tooltip: {
				enabled: true,
				mode: "index",
				intersect: false,
				position: "nearest",
				displayColors: false,
				titleFont: font(theme),
				bodyFont: font(theme),
				filter: (_item, index) => index === 0,
				callbacks: {
					title: (items) => input.describe(items[0]?.parsed.x ?? NaN).title,
					label: (item) => input.describe(item.parsed.x ?? NaN).lines,
				},
			},
			zoom: zoomOptions(input),
			annotation: { annotations: {} },
		},
	};
}
