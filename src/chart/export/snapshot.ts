import { Chart, type ChartItem } from "chart.js";
import type { ActivationSpec } from "../../block/spec";
import { gradientAnnotations } from "../annotations";
import { axisOf, buildDatasets, lineCount, type ChartSlot } from "../datasets";
import { buildOptions } from "../options";
import { registerChartParts } from "../register";
import type { ChartSamples } from "../samples";
import type { ChartTheme } from "../theme";

/**
 * The part of a canvas that snapshots use. A detached HTMLCanvasElement has it, and so
 * has a canvas of `@napi-rs/canvas` in Node, where Chart.js falls back to its basic
 * platform because there is no DOM.
 */
export interface SnapshotCanvas {
	width: number;
	height: number;
	getContext(contextId: "2d"): CanvasRenderingContext2D | null;
}

/** A factory of blank canvases, sized in device pixels. */
export type CreateCanvas = (width: number, height: number) => SnapshotCanvas;

export interface SnapshotOptions {
	/** Width of the image in CSS pixels. The height follows from the block's layout. */
	width: number;
	/** Device pixels per CSS pixel: 2 gives a sharp image on paper and on retina screens. */
	scale: number;
	theme: ChartTheme;
	/** Width of the function lines in CSS pixels. */
	lineWidth: number;
	/** Draw the block's title above the panels. Off when the page shows the title as text. */
	title: boolean;
	/** Fill the image with the theme's background, or leave it transparent. */
	background: boolean;
	createCanvas: CreateCanvas;
	/**
	 * A document whose `createElement("canvas")` returns a canvas, which the annotation
	 * colours use to parse CSS colours. Node passes a stand-in backed by `@napi-rs/canvas`.
	 */
	document: Document;
}

/** Sizes in CSS pixels, matching `--activation-panel-height` and its neighbours in styles.css. */
const PANEL_HEIGHT = 240;
const OVERLAY_HEIGHT = 300;
const PANEL_GAP = 12;
const PADDING = 8;
const TITLE_HEIGHT = 26;

/**
 * Width under which side-by-side panels stack, as on screen. It repeats NARROW_WIDTH of
 * view.ts because that module imports chartjs-plugin-zoom, whose Hammer.js needs a window
 * and so cannot load in Node.
 */
const NARROW_WIDTH = 520;

/**
 * Line tension of snapshot lines. With tension 0 Chart.js takes its fast path, which
 * merges the points that share a CSS pixel column into one vertical stroke; at 2 device
 * pixels per CSS pixel that shows as steps along steep lines. Any tension above 0 takes
 * the exact path, and at 1e-6 the Bezier curves cannot be told from straight segments.
 */
const EXACT_PATH_TENSION = 1e-6;

/** Returns the Chart.js instances a block draws: one per panel, or one for an overlay. */
export function snapshotSlots(spec: ActivationSpec): ChartSlot[] {
	if (spec.layout === "overlay") {
		return [{ panels: [...spec.show] }];
	}
	return spec.show.map((panel) => ({ panels: [panel] }));
}

/** A panel's place in the image, in CSS pixels. */
interface PanelBox {
	slot: ChartSlot;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Places the panels as the screen does: side by side, or one above the other. */
function layoutPanels(
	spec: ActivationSpec,
	width: number,
	top: number,
): PanelBox[] {
	const slots = snapshotSlots(spec);
	const inner = width - 2 * PADDING;
	const height = spec.layout === "overlay" ? OVERLAY_HEIGHT : PANEL_HEIGHT;
	const sideBySide = spec.layout === "side-by-side" && width >= NARROW_WIDTH;
	if (sideBySide) {
		const panelWidth = (inner - PANEL_GAP * (slots.length - 1)) / slots.length;
		return slots.map((slot, index) => ({
			slot,
			x: PADDING + index * (panelWidth + PANEL_GAP),
			y: top,
			width: panelWidth,
			height,
		}));
	}
	return slots.map((slot, index) => ({
		slot,
		x: PADDING,
		y: top + index * (height + PANEL_GAP),
		width: inner,
		height,
	}));
}

/**
 * Draws one panel with Chart.js at the snapshot's scale, without animation or events,
 * and copies it into the image. The chart is destroyed only after the copy because
 * Chart.js clears its canvas when destroyed.
 */
function drawPanel(
	target: CanvasRenderingContext2D,
	box: PanelBox,
	spec: ActivationSpec,
	samples: ChartSamples,
	options: SnapshotOptions,
): void {
	const canvas = options.createCanvas(
		Math.round(box.width),
		Math.round(box.height),
	);
	const chartOptions = buildOptions({
		slot: box.slot,
		spec,
		theme: options.theme,
		animate: false,
		domain: spec.domain,
		lines: lineCount(box.slot, samples),
		describe: () => ({ title: "", lines: [] }),
		onZoom: () => undefined,
	});
	chartOptions.responsive = false;
	chartOptions.devicePixelRatio = options.scale;
	chartOptions.events = [];
	const plugins = chartOptions.plugins;
	if (plugins?.tooltip !== undefined) {
		plugins.tooltip.enabled = false;
	}
	if (
		plugins?.annotation !== undefined &&
		box.slot.panels.includes("gradient")
	) {
		plugins.annotation.annotations = gradientAnnotations(
			samples.series,
			spec.annotate,
			options.theme,
			{
				gradientAxis: axisOf(box.slot, "gradient"),
				domain: spec.domain,
				document: options.document,
			},
		);
	}
	const datasets = buildDatasets(samples, {
		slot: box.slot,
		theme: options.theme,
		lineWidth: options.lineWidth,
		annotate: spec.annotate,
	});
	for (const dataset of datasets) {
		dataset.tension = EXACT_PATH_TENSION;
	}

	registerChartParts();
	// Without animation Chart.js draws inside its constructor, so the pixels are final here.
	const chart = new Chart<"line", { x: number; y: number }[]>(
		canvas as unknown as ChartItem,
		{
			type: "line",
			data: { datasets },
			options: chartOptions,
		},
	);
	try {
		// drawImage accepts both browser canvases and @napi-rs/canvas ones at run time.
		const scale = options.scale;
		target.drawImage(
			canvas as unknown as CanvasImageSource,
			Math.round(box.x * scale),
			Math.round(box.y * scale),
		);
	} finally {
		chart.destroy();
	}
}

/** Returns the height in CSS pixels of a block's snapshot at a width. */
export function snapshotHeight(
	spec: ActivationSpec,
	width: number,
	title: boolean,
): number {
	const top = PADDING + (title ? TITLE_HEIGHT : 0);
	const boxes = layoutPanels(spec, width, top);
	const bottom = Math.max(...boxes.map((box) => box.y + box.height));
	return Math.ceil(bottom + PADDING);
}

function drawTitle(
	context: CanvasRenderingContext2D,
	text: string,
	options: SnapshotOptions,
): void {
	const { theme, scale, width } = options;
	context.fillStyle = theme.text;
	context.font = `600 ${(theme.fontSize + 2) * scale}px ${theme.fontFamily}`;
	context.textAlign = "center";
	context.textBaseline = "middle";
	context.fillText(
		text,
		(width / 2) * scale,
		(PADDING + TITLE_HEIGHT / 2) * scale,
		(width - 2 * PADDING) * scale,
	);
}

/**
 * Draws a block's chart into one canvas: the title (when asked), every panel with its
 * legend, kink dots, `at` marks and annotations, laid out as on screen at `options.width`.
 * Chart.js draws each panel on its own canvas, which is then copied in, so nothing is
 * attached to a document and nothing waits for a frame.
 */
export function drawSnapshot(
	spec: ActivationSpec,
	samples: ChartSamples,
	options: SnapshotOptions,
): SnapshotCanvas {
	const width = options.width;
	const height = snapshotHeight(spec, width, options.title);
	const scale = options.scale;
	const image = options.createCanvas(
		Math.round(width * scale),
		Math.round(height * scale),
	);
	const context = image.getContext("2d");
	if (context === null) {
		throw new Error("the canvas for the chart image has no 2D context");
	}
	if (options.background) {
		context.fillStyle = options.theme.background;
		context.fillRect(0, 0, image.width, image.height);
	}
	if (options.title) {
		drawTitle(context, spec.title, options);
	}

	const top = PADDING + (options.title ? TITLE_HEIGHT : 0);
	for (const box of layoutPanels(spec, width, top)) {
		drawPanel(context, box, spec, samples, options);
	}
	return image;
}
