import { Chart } from "chart.js";
import zoomPlugin from "chartjs-plugin-zoom";
import type { ActivationSpec, Panel } from "../block/spec";
import { gradientAnnotations } from "./annotations";
import { renderCaption, type RenderMath } from "./caption";
import { crosshairPlugin, type Crosshair } from "./crosshair";
import {
	axisOf,
	buildDatasets,
	lineCount,
	replaceDatasets,
	type ChartSlot,
} from "./datasets";
import { createElement, removeChildren, windowOf } from "./dom";
import { formatNumber } from "./format";
import { logError } from "./log";
import { renderMarks } from "./marks";
import { buildOptions } from "./options";
import { registerChartParts } from "./register";
import type { ChartSamples, Evaluate } from "./samples";
import { createSliders, type Sliders } from "./sliders";
import { readTheme, type ChartTheme } from "./theme";
import { describePoint, type TooltipText } from "./tooltip";

/** Width in CSS pixels under which side-by-side panels stack. */
export const NARROW_WIDTH = 520;

export interface ViewOptions {
	lineWidth: number;
	animate: boolean;
	renderMath: RenderMath;
	saveParameters: ((values: Record<string, number>) => void) | null;
}

interface DrawnChart {
	slot: ChartSlot;
	chart: Chart<"line", { x: number; y: number }[]>;
	canvas: HTMLCanvasElement;
}

const PANEL_NAMES: Record<Panel, string> = {
	value: "value f(x)",
	gradient: "gradient f'(x)",
};

/** Returns the Chart.js instances one block draws: one per panel, or one for an overlay. */
function slotsOf(spec: ActivationSpec): ChartSlot[] {
	if (spec.layout === "overlay") {
		return [{ panels: [...spec.show] }];
	}
	return spec.show.map((panel) => ({ panels: [panel] }));
}

/**
 * The chart of one valid block: its DOM, its Chart.js instances, sliders and zoom. The
 * constructor builds the DOM with panels of their final height. `draw()` samples and
 * creates the charts, so a block that stays off screen costs no computation.
 */
export class ChartView {
	private readonly window: Window;
	private readonly slots: ChartSlot[];
	private readonly panelBoxes: HTMLElement[] = [];
	private readonly marksTable: HTMLTableElement;
	private readonly notes: HTMLElement;
	private readonly resetZoomButton: HTMLButtonElement;
	private readonly sliders: Sliders | null;
	private readonly resizeObserver: ResizeObserver | null;
	private readonly printQuery: MediaQueryList | null;
	private readonly resizeForPrint = () => {
		for (const drawn of this.charts) {
			drawn.chart.resize();
		}
	};
	private readonly crosshair: Crosshair;
	private charts: DrawnChart[] = [];
	private theme: ChartTheme;
	private parameters: Record<string, number>;
	private domain: [number, number];
	private samples: ChartSamples | null = null;
	private baseSamples: ChartSamples | null = null;
	private frame: number | null = null;
	private parametersChanged = false;
	private destroyed = false;

	constructor(
		private readonly root: HTMLElement,
		private readonly spec: ActivationSpec,
		private readonly evaluate: Evaluate,
		private readonly options: ViewOptions,
	) {
		this.window = windowOf(root);
		this.slots = slotsOf(spec);
		this.domain = [spec.domain[0], spec.domain[1]];
		this.parameters = Object.fromEntries(
			spec.parameters.map((parameter) => [parameter.name, parameter.value]),
		);
		root.classList.add(`activation-layout-${spec.layout}`);
		createElement(root, "div", "activation-title", spec.title);

		const panels = createElement(root, "div", "activation-panels");
		for (const slot of this.slots) {
			const overlay = slot.panels.length > 1 ? " activation-panel-overlay" : "";
			this.panelBoxes.push(
				createElement(panels, "div", `activation-panel${overlay}`),
			);
		}

		const controls = createElement(root, "div", "activation-controls");
		const sliderBox = createElement(controls, "div", "activation-sliders");
		const buttons = createElement(controls, "div", "activation-buttons");
		this.resetZoomButton = createElement(
			buttons,
			"button",
			"activation-button",
			"Reset zoom",
		);
		this.resetZoomButton.type = "button";
		this.resetZoomButton.hidden = true;
		this.resetZoomButton.addEventListener("click", () => this.resetZoom());
		this.sliders =
			spec.parameters.length === 0
				? null
				: createSliders(sliderBox, buttons, spec.parameters, {
						onInput: (values) => this.setParameters(values),
						onSave: options.saveParameters,
					});

		this.marksTable = createElement(root, "table", "activation-marks");
		this.marksTable.hidden = true;
		this.notes = createElement(root, "div", "activation-notes");
		this.notes.hidden = true;
		if (spec.caption) {
			renderCaption(root, spec.functions, options.renderMath);
		}

		this.theme = readTheme(root);
		this.crosshair = { x: null, charts: [], colour: this.theme.muted };
		this.resizeObserver = this.observeWidth();
		// Chart.js does not resize for print by itself, and the printed page is narrower
		// than the pane, so charts are resized when the print layout starts and ends.
		this.printQuery = this.window.matchMedia?.("print") ?? null;
		this.printQuery?.addEventListener("change", this.resizeForPrint);
	}

	/** Samples the functions and creates the charts; later calls do nothing. */
	draw(): void {
		if (this.charts.length > 0 || this.destroyed) {
			return;
		}
		this.theme = readTheme(this.root);
		this.crosshair.colour = this.theme.muted;
		this.recompute();
		const samples = this.samples;
		if (samples === null) {
			return;
		}
		this.slots.forEach((slot, index) => {
			const box = this.panelBoxes[index];
			if (box !== undefined) {
				this.charts.push(this.createChart(slot, box, samples));
			}
		});
		this.crosshair.charts = this.charts.map((drawn) => drawn.chart);
		this.updateTables(samples);
	}

	get drawn(): boolean {
		return this.charts.length > 0;
	}

	currentParameters(): Record<string, number> {
		return this.sliders === null
			? { ...this.parameters }
			: this.sliders.values();
	}

	/** Re-reads the theme's CSS variables and restyles every chart without animation. */
	refreshTheme(): void {
		this.theme = readTheme(this.root);
		this.crosshair.colour = this.theme.muted;
		const samples = this.samples;
		if (samples === null) {
			return;
		}
		for (const drawn of this.charts) {
			// Chart.js resolves new options in update(); the annotations are written into
			// the resolved options afterwards, so the first update must come first.
			drawn.chart.options = buildOptions(
				this.optionsInput(drawn.slot, samples),
			);
			drawn.chart.update("none");
			this.applySamples(drawn, samples);
		}
	}

	destroy(): void {
		this.destroyed = true;
		if (this.frame !== null) {
			this.window.cancelAnimationFrame(this.frame);
			this.frame = null;
		}
		this.resizeObserver?.disconnect();
		this.printQuery?.removeEventListener("change", this.resizeForPrint);
		for (const drawn of this.charts) {
			drawn.chart.destroy();
		}
		this.charts = [];
		this.crosshair.charts = [];
		removeChildren(this.root);
	}

	private observeWidth(): ResizeObserver | null {
		const Observer = (this.window as Window & typeof window).ResizeObserver;
		if (Observer === undefined) {
			return null;
		}
		const observer = new Observer((entries) => {
			const width = entries[entries.length - 1]?.contentRect.width ?? 0;
			this.root.classList.toggle(
				"activation-narrow",
				width > 0 && width < NARROW_WIDTH,
			);
		});
		observer.observe(this.root);
		return observer;
	}

	private createChart(
		slot: ChartSlot,
		box: HTMLElement,
		samples: ChartSamples,
	): DrawnChart {
		const canvas = createElement(box, "canvas");
		canvas.setAttribute("role", "img");
		canvas.setAttribute("aria-label", this.describeCanvas(slot));
		const context = canvas.getContext("2d");
		if (context === null) {
			throw new Error(
				"the browser returned no 2D context for the chart's canvas",
			);
		}
		registerChartParts();
		const chart = new Chart<"line", { x: number; y: number }[]>(context, {
			type: "line",
			data: { datasets: [] },
			options: buildOptions(this.optionsInput(slot, samples)),
			plugins: [zoomPlugin, crosshairPlugin(this.crosshair)],
		});
		const drawn = { slot, chart, canvas };
		this.applySamples(drawn, samples);
		return drawn;
	}

	private describeCanvas(slot: ChartSlot): string {
		const names = this.spec.functions
			.map((entry) => entry.activation.label)
			.join(", ");
		const panels = slot.panels.map((panel) => PANEL_NAMES[panel]).join(" and ");
		const [min, max] = this.spec.domain;
		return `Chart of the ${panels} of ${names} for x from ${formatNumber(min)} to ${formatNumber(max)}`;
	}

	private optionsInput(slot: ChartSlot, samples: ChartSamples) {
		return {
			slot,
			spec: this.spec,
			theme: this.theme,
			animate: this.options.animate,
			domain: this.domain,
			lines: lineCount(slot, samples),
			describe: (x: number) => this.describePoint(x),
			onZoom: (chart: Chart) => this.onZoom(chart),
		};
	}

	/** Puts the samples, the x range and the annotations into a chart and redraws it. */
	private applySamples(drawn: DrawnChart, samples: ChartSamples): void {
		const chart = drawn.chart;
		chart.data.datasets = replaceDatasets(
			chart.data.datasets,
			buildDatasets(samples, {
				slot: drawn.slot,
				theme: this.theme,
				lineWidth: this.options.lineWidth,
				annotate: this.spec.annotate,
			}),
		);
		const x = chart.options.scales?.x;
		if (x !== undefined) {
			x.min = this.domain[0];
			x.max = this.domain[1];
		}
		const annotation = chart.options.plugins?.annotation;
		if (annotation !== undefined) {
			annotation.annotations = drawn.slot.panels.includes("gradient")
				? gradientAnnotations(
						this.baseSamples?.series ?? samples.series,
						this.spec.annotate,
						this.theme,
						{
							gradientAxis: axisOf(drawn.slot, "gradient"),
							domain: this.domain,
							document: this.root.ownerDocument,
						},
					)
				: {};
		}
		// A reused point element may still be tweening toward an older position from the
		// first drawing or the zoom plugin's update. Stopping the animations first keeps
		// them from writing over the new points.
		chart.stop();
		chart.update("none");
	}

	private describePoint(fallbackX: number): TooltipText {
		const x = this.crosshair.x ?? fallbackX;
		return this.samples === null
			? { title: "", lines: [] }
			: describePoint(this.samples, x);
	}

	private onZoom(source: Chart): void {
		const scale = source.scales.x;
		if (scale === undefined || this.destroyed) {
			return;
		}
		this.domain = [scale.min, scale.max];
		this.resetZoomButton.hidden = false;
		for (const drawn of this.charts) {
			const x = drawn.chart.options.scales?.x;
			if (drawn.chart !== source && x !== undefined) {
				x.min = scale.min;
				x.max = scale.max;
				drawn.chart.update("none");
			}
		}
		this.schedule();
	}

	private resetZoom(): void {
		this.domain = [this.spec.domain[0], this.spec.domain[1]];
		this.resetZoomButton.hidden = true;
		this.schedule();
	}

	private setParameters(values: Record<string, number>): void {
		this.parameters = values;
		this.parametersChanged = true;
		this.schedule();
	}

	/** Coalesces slider and zoom changes into one resampling and redraw per animation frame. */
	private schedule(): void {
		if (this.frame !== null || this.destroyed || !this.drawn) {
			return;
		}
		this.frame = this.window.requestAnimationFrame(() => {
			this.frame = null;
			try {
				this.redraw();
			} catch (error) {
				// The charts keep their last good state, and the notes line under them gives the reason.
				logError("updating a chart failed", error);
				const reason = error instanceof Error ? error.message : String(error);
				this.notes.textContent = `The chart could not be updated: ${reason}`;
				this.notes.hidden = false;
			}
		});
	}

	private redraw(): void {
		this.recompute();
		const samples = this.samples;
		if (samples === null) {
			return;
		}
		for (const drawn of this.charts) {
			this.applySamples(drawn, samples);
		}
		this.updateTables(samples);
	}

	/**
	 * Samples the visible domain, and also the block's whole domain when zoomed, because
	 * the saturation threshold and the gradient peak refer to the whole domain.
	 */
	private recompute(): void {
		const zoomed =
			this.domain[0] !== this.spec.domain[0] ||
			this.domain[1] !== this.spec.domain[1];
		this.samples = this.evaluate({
			parameters: this.parameters,
			domain: this.domain,
		});
		if (!zoomed) {
			this.baseSamples = this.samples;
		} else if (this.baseSamples === null || this.parametersChanged) {
			this.baseSamples = this.evaluate({ parameters: this.parameters });
		}
		this.parametersChanged = false;
	}

	private updateTables(samples: ChartSamples): void {
		renderMarks(this.marksTable, samples.marks, samples.series.length);
		const notes = new Set(samples.notes);
		for (const series of samples.series) {
			series.sampled.notes.forEach((note) => notes.add(note));
		}
		this.notes.textContent = [...notes].join("\n");
		this.notes.hidden = notes.size === 0;
	}
}
