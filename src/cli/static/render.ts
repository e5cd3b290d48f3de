import { evaluateSpec, parseBlock } from "../../block";
import {
	DEFAULT_BLOCK_DEFAULTS,
	type ActivationSpec,
	type BlockDefaults,
} from "../../block/spec";
import {
	describeImage,
	PRINT_SCALE,
	PRINT_WIDTH,
} from "../../chart/export/image";
import { parametersText } from "../../chart/export/parameters";
import {
	drawSnapshot,
	snapshotHeight,
	type SnapshotCanvas,
} from "../../chart/export/snapshot";
import type { ChartTheme } from "../../chart/theme";
import type { Theme } from "../page-style";
import {
	captionHtml,
	errorsHtml,
	escapeHtml,
	failureHtml,
	marksHtml,
	type TypesetTex,
} from "./html";
import { chartThemeFor } from "./theme";

/** The part of `@napi-rs/canvas` that static charts use. */
export interface CanvasModule {
	createCanvas(
		width: number,
		height: number,
	): {
		width: number;
		height: number;
		getContext(contextId: "2d"): unknown;
		toBuffer(mime: "image/png"): Buffer;
	};
}

/** Width of chart lines in CSS pixels, the plugin's default. */
const LINE_WIDTH = 2;

/** An error for a missing optional package, reported without a stack trace. */
export class StaticChartsUnavailable extends Error {}

/**
 * Loads `@napi-rs/canvas`, the canvas that draws charts in Node. It is loaded only for
 * `--static`, so live previews work without its native binary.
 */
export async function loadCanvasModule(): Promise<CanvasModule> {
	try {
		return await import("@napi-rs/canvas");
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new StaticChartsUnavailable(
			`--static draws charts with the @napi-rs/canvas package, which failed to load (${reason}); run npm install, or leave out --static.`,
		);
	}
}

export interface StaticChartOptions {
	theme: Theme;
	defaults?: BlockDefaults;
	/** Typesets caption formulas as SVG markup; null writes the TeX source. */
	typeset: TypesetTex;
}

/**
 * Draws activation blocks as HTML that needs no script: each chart a PNG image in a data
 * URL, drawn by Chart.js on `@napi-rs/canvas` at print size, with the parameter values,
 * the `at` table, the notes and the caption as text. Bad blocks become their errors.
 */
export class StaticCharts {
	private readonly chartTheme: ChartTheme;
	private readonly defaults: BlockDefaults;
	/** A document stand-in whose only method creates the canvas that parses annotation colours. */
	private readonly colourDocument: Document;

	constructor(
		private readonly canvas: CanvasModule,
		private readonly options: StaticChartOptions,
	) {
		this.chartTheme = chartThemeFor(options.theme);
		this.defaults = options.defaults ?? DEFAULT_BLOCK_DEFAULTS;
		const colourDocument = { createElement: () => canvas.createCanvas(1, 1) };
		this.colourDocument = colourDocument as unknown as Document;
	}

	/** Returns the chart of one block body as a PNG data URL at print size. */
	imageDataUrl(
		spec: ActivationSpec,
		samples: ReturnType<typeof evaluateSpec>,
	): string {
		const image = drawSnapshot(spec, samples, {
			width: PRINT_WIDTH,
			scale: PRINT_SCALE,
			theme: this.chartTheme,
			lineWidth: LINE_WIDTH,
			title: false,
			background: true,
			document: this.colourDocument,
			createCanvas: (width, height) =>
				this.canvas.createCanvas(width, height) as unknown as SnapshotCanvas,
		});
		const png = (
			image as unknown as ReturnType<CanvasModule["createCanvas"]>
		).toBuffer("image/png");
		return `data:image/png;base64,${png.toString("base64")}`;
	}

	/** Returns the HTML of one block: its chart and text, or its errors. It never throws. */
	blockHtml(body: string): string {
		const result = parseBlock(body, this.defaults);
		if (!result.ok) {
			return errorsHtml(result.errors, body);
		}
		try {
			return this.chartHtml(result.spec);
		} catch (error) {
			return failureHtml(
				error instanceof Error ? error.message : String(error),
			);
		}
	}

	private chartHtml(spec: ActivationSpec): string {
		const samples = evaluateSpec(spec);
		const height = snapshotHeight(spec, PRINT_WIDTH, false);
		const image =
			`<img class="activation-print-image" alt="${escapeHtml(describeImage(spec))}"` +
			` width="${PRINT_WIDTH}" height="${height}" src="${this.imageDataUrl(spec, samples)}">`;
		const values = parametersText(spec);
		const parameters =
			values === ""
				? ""
				: `<div class="activation-print-parameters">${escapeHtml(values)}</div>`;
		const notes =
			samples.notes.length === 0
				? ""
				: `<div class="activation-notes">${escapeHtml([...new Set(samples.notes)].join("\n"))}</div>`;
		const figure = `<div class="activation-print">${image}${parameters}${marksHtml(samples.marks, samples.series.length)}${notes}</div>`;
		const caption = spec.caption
			? captionHtml(spec.functions, this.options.typeset)
			: "";
		const title = `<div class="activation-title">${escapeHtml(spec.title)}</div>`;
		return `<div class="activation-chart activation-printed activation-layout-${spec.layout}">${title}${figure}${caption}</div>`;
	}
}
