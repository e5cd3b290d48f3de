import type { ChartDataset } from "chart.js";
import type { Annotation, Panel } from "../block/spec";
import { decimate } from "./decimate";
import { kinkDots, linePoints, type ChartPoint, type KinkDot } from "./kinks";
import type { ChartSamples } from "./samples";
import { seriesColour, type ChartTheme } from "./theme";

export type LineDataset = ChartDataset<"line", ChartPoint[]>;

/** Dash pattern of gradient lines in pixels, so the gradient reads without colour. */
export const GRADIENT_DASH = [6, 4];

/** Drawing order: Chart.js draws higher `order` first, so marks end up on top. */
const ORDER_LINE = 2;
const ORDER_KINK = 1;
const ORDER_MARK = 0;

const DOT_RADIUS = 3.5;
const MARK_RADIUS = 5;

/**
 * Pixels that lines and dots may reach beyond the plot area, so a line along the top or
 * bottom of an automatic axis range is drawn whole instead of cut in half.
 */
const CLIP_MARGIN = 8;

/** The panels that one Chart.js instance draws: one panel, or both in an overlay. */
export interface ChartSlot {
	panels: Panel[];
}

/** Returns the y axis id of a panel: the gradient takes the right axis "y1" in an overlay. */
export function axisOf(slot: ChartSlot, panel: Panel): string {
	return slot.panels.length > 1 && panel === "gradient" ? "y1" : "y";
}

export interface DatasetOptions {
	slot: ChartSlot;
	theme: ChartTheme;
	lineWidth: number;
	annotate: readonly Annotation[];
}

/**
 * Builds a chart's datasets: first one line per panel and series (the legend shows only
 * these), then the kink dots, then the `at` marks.
 */
export function buildDatasets(
	samples: ChartSamples,
	options: DatasetOptions,
): LineDataset[] {
	const lines: LineDataset[] = [];
	const dots: LineDataset[] = [];
	const marks: LineDataset[] = [];
	for (const panel of options.slot.panels) {
		samples.series.forEach((series, index) => {
			const colour = seriesColour(options.theme, index);
			const axis = axisOf(options.slot, panel);
			const points = decimate(linePoints(series.sampled, panel));
			lines.push(
				lineDataset(series.label, panel, points, colour, axis, options),
			);
			const isolated = isolatedPoints(points);
			if (isolated.length > 0) {
				dots.push(isolatedDataset(isolated, colour, axis, options.lineWidth));
			}
			if (options.annotate.includes("kinks")) {
				const points = kinkDots(series.sampled, panel);
				if (points.length > 0) {
					dots.push(kinkDataset(points, colour, axis, options.theme));
				}
			}
			const markPoints = samples.marks
				.filter((mark) => mark.label === series.label)
				.map((mark) => ({
					x: mark.x,
					y: panel === "value" ? mark.value : mark.gradient,
				}))
				.filter((point) => Number.isFinite(point.y));
			if (markPoints.length > 0) {
				marks.push(markDataset(markPoints, colour, axis, options.theme));
			}
		});
	}
	return [...lines, ...dots, ...marks];
}

/** Returns the number of line datasets at the start of a chart's datasets. */
export function lineCount(slot: ChartSlot, samples: ChartSamples): number {
	return slot.panels.length * samples.series.length;
}

function lineDataset(
	label: string,
	panel: Panel,
	data: ChartPoint[],
	colour: string,
	axis: string,
	options: DatasetOptions,
): LineDataset {
	const overlay = options.slot.panels.length > 1;
	return {
		label: overlay && panel === "gradient" ? `${label}'` : label,
		data,
		yAxisID: axis,
		borderColor: colour,
		backgroundColor: colour,
		borderWidth: options.lineWidth,
		borderDash: panel === "gradient" ? GRADIENT_DASH : [],
		tension: 0,
		spanGaps: false,
		pointRadius: 0,
		pointHoverRadius: 0,
		pointHitRadius: 0,
		parsing: false,
		// The points are sorted by x, so Chart.js may search them instead of scanning.
		normalized: true,
		clip: CLIP_MARGIN,
		order: ORDER_LINE,
	};
}

/**
 * Returns the finite points whose neighbours are both gaps: a line draws nothing there,
 * so they are drawn as dots, as in 1/x sampled at -1, 0 and 1.
 */
export function isolatedPoints(points: readonly ChartPoint[]): ChartPoint[] {
	const isGap = (point: ChartPoint | undefined): boolean =>
		point === undefined || !Number.isFinite(point.y);
	return points.filter(
		(point, index) =>
			!isGap(point) && isGap(points[index - 1]) && isGap(points[index + 1]),
	);
}

function isolatedDataset(
	points: ChartPoint[],
	colour: string,
	axis: string,
	lineWidth: number,
): LineDataset {
	return {
		label: "isolated points",
		data: points,
		yAxisID: axis,
		showLine: false,
		borderColor: colour,
		backgroundColor: colour,
		pointRadius: Math.max(lineWidth, 1.5),
		pointHoverRadius: Math.max(lineWidth, 1.5),
		parsing: false,
		clip: CLIP_MARGIN,
		order: ORDER_KINK,
	};
}

function kinkDataset(
	points: KinkDot[],
	colour: string,
	axis: string,
	theme: ChartTheme,
): LineDataset {
	return {
		label: "kinks",
		data: points,
		yAxisID: axis,
		showLine: false,
		borderColor: colour,
		pointBorderColor: colour,
		pointBackgroundColor: points.map((point) =>
			point.open ? theme.background : colour,
		),
		pointBorderWidth: 1.5,
		pointRadius: DOT_RADIUS,
		pointHoverRadius: DOT_RADIUS,
		parsing: false,
		clip: CLIP_MARGIN,
		order: ORDER_KINK,
	};
}

function markDataset(
	points: ChartPoint[],
	colour: string,
	axis: string,
	theme: ChartTheme,
): LineDataset {
	return {
		label: "marks",
		data: points,
		yAxisID: axis,
		showLine: false,
		borderColor: theme.background,
		pointBorderColor: theme.background,
		pointBackgroundColor: colour,
		pointBorderWidth: 1.5,
		pointRadius: MARK_RADIUS,
		pointHoverRadius: MARK_RADIUS,
		pointStyle: "rectRot",
		parsing: false,
		clip: CLIP_MARGIN,
		order: ORDER_MARK,
	};
}

/**
 * Puts `next` into a chart's dataset list. When only the points changed, as while a
 * slider is dragged, the old dataset objects keep their identity and take the new
 * points: Chart.js keys its per-dataset state (controller, elements, resolved options)
 * on the object, and building all of that again would cost most of a frame. Any change
 * of style gives new objects, because Chart.js keeps the first options it resolved for
 * points that share them.
 */
export function replaceDatasets(
	current: LineDataset[],
	next: LineDataset[],
): LineDataset[] {
	const sameStyle =
		current.length === next.length &&
		current.every((dataset, index) => {
			const replacement = next[index];
			return (
				replacement !== undefined && styleKey(dataset) === styleKey(replacement)
			);
		});
	if (!sameStyle) {
		return next;
	}
	current.forEach((dataset, index) => {
		dataset.data = (next[index] as LineDataset).data;
	});
	return current;
}

/** Returns every property of a dataset but its points, as text that two equal styles share. */
function styleKey(dataset: LineDataset): string {
	return JSON.stringify({ ...dataset, data: null });
}
