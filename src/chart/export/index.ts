import { evaluateSpec, parseBlock } from "../../block";
import type { ActivationSpec } from "../../block/spec";
import { renderCaption } from "../caption";
import { createElement, removeChildren } from "../dom";
import { renderErrors } from "../errors";
import {
	mountActivationBlock,
	type ActivationBlockView,
	type ChartHost,
	type ChartSettings,
} from "../index";
import { logError } from "../log";
import { settledOf } from "../mount";
import { samplesText, type DataFormat } from "./data";
import { screenScale, snapshotCanvas } from "./image";
import { buildPrintFigure, PrintSwap } from "./print";

export { samplesText, type DataFormat } from "./data";
export { canvasToPng, PRINT_SCALE, PRINT_WIDTH } from "./image";

/** Copied and saved images have twice the screen's device pixels, so they stay sharp when pasted into documents. */
const EXPORT_SCALE_FACTOR = 2;

/** Width in CSS pixels of a copied or saved image when the block has no width on screen. */
const FALLBACK_IMAGE_WIDTH = 700;

/** A mounted block that can also be copied and saved as an image or as data. */
export interface ExportableBlockView extends ActivationBlockView {
	/**
	 * Draws the chart with the current slider values into a detached canvas with the
	 * theme's background and the title, at the block's width on screen and `scale`
	 * device pixels per CSS pixel. It draws the block's whole domain, even when zoomed.
	 * Returns null for a block with errors.
	 */
	snapshot(scale: number): HTMLCanvasElement | null;
	/** Returns the grid's x, f(x) and f'(x) as CSV or a Markdown table, or null for a block with errors. */
	samplesText(format: DataFormat): string | null;
	/**
	 * Resolves once the block has drawn its chart or errors, or has found that it is off
	 * screen and waits to be scrolled into view.
	 */
	readonly settled: Promise<void>;
}

/** Returns true when the element sits in Obsidian's PDF export container, which has a `.print` ancestor. */
export function insidePrintContainer(element: HTMLElement): boolean {
	return element.closest(".print") !== null;
}

/** A mounted block with the spec that exports read, which is null when the block has errors. */
abstract class ExportableBlock implements ExportableBlockView {
	abstract readonly element: HTMLElement;
	protected spec: ActivationSpec | null = null;

	constructor(protected settings: ChartSettings) {}

	abstract refreshTheme(): void;
	abstract applySettings(settings: ChartSettings): void;
	abstract currentParameters(): Record<string, number>;
	abstract destroy(): void;
	abstract readonly settled: Promise<void>;

	snapshot(scale: number): HTMLCanvasElement | null {
		const spec = this.spec;
		if (spec === null) {
			return null;
		}
		const width =
			this.element.clientWidth > 0
				? this.element.clientWidth
				: FALLBACK_IMAGE_WIDTH;
		const samples = evaluateSpec(spec, {
			parameters: this.currentParameters(),
		});
		return snapshotCanvas(this.element, spec, samples, {
			width,
			scale,
			lineWidth: this.settings.lineWidth,
			title: true,
			theme: null,
		});
	}

	samplesText(format: DataFormat): string | null {
		const spec = this.spec;
		if (spec === null) {
			return null;
		}
		return samplesText(
			evaluateSpec(spec, { parameters: this.currentParameters() }),
			format,
		);
	}

	protected parse(source: string): ActivationSpec | null {
		const result = parseBlock(source, this.settings.defaults);
		return result.ok ? result.spec : null;
	}
}

/** A live chart with sliders that prints as an image. */
class LiveBlock extends ExportableBlock {
	private readonly view: ActivationBlockView;
	private swap: PrintSwap | null = null;

	constructor(
		container: HTMLElement,
		private readonly source: string,
		settings: ChartSettings,
		host: ChartHost,
	) {
		super(settings);
		this.view = mountActivationBlock(container, source, settings, host);
		this.watchPrint();
	}

	get element(): HTMLElement {
		return this.view.element;
	}

	get settled(): Promise<void> {
		return settledOf(this.view);
	}

	refreshTheme(): void {
		this.view.refreshTheme();
	}

	applySettings(settings: ChartSettings): void {
		this.settings = settings;
		this.swap?.dispose();
		this.view.applySettings(settings);
		this.watchPrint();
	}

	currentParameters(): Record<string, number> {
		return this.view.currentParameters();
	}

	destroy(): void {
		this.swap?.dispose();
		this.swap = null;
		this.view.destroy();
	}

	private watchPrint(): void {
		this.spec = this.parse(this.source);
		const spec = this.spec;
		this.swap =
			spec === null
				? null
				: new PrintSwap(this.view.element, {
						spec,
						lineWidth: this.settings.lineWidth,
						parameters: () => this.view.currentParameters(),
					});
	}
}

/**
 * A block drawn for Obsidian's PDF export: the chart as a static image at print size,
 * drawn at once because nothing in the export container scrolls into view, with the
 * parameter values as text and no controls.
 */
class PrintedBlock extends ExportableBlock {
	readonly element: HTMLElement;
	/** The image is drawn inside the constructor, so the block is settled at once. */
	readonly settled = Promise.resolve();

	constructor(
		container: HTMLElement,
		private readonly source: string,
		settings: ChartSettings,
		private readonly host: ChartHost,
	) {
		super(settings);
		this.element = createElement(
			container,
			"div",
			"activation-chart activation-printed",
		);
		this.build();
	}

	refreshTheme(): void {
		this.rebuild();
	}

	applySettings(settings: ChartSettings): void {
		this.settings = settings;
		this.rebuild();
	}

	currentParameters(): Record<string, number> {
		const parameters = this.spec?.parameters ?? [];
		return Object.fromEntries(
			parameters.map((parameter) => [parameter.name, parameter.value]),
		);
	}

	destroy(): void {
		this.element.remove();
	}

	private rebuild(): void {
		removeChildren(this.element);
		this.build();
	}

	private build(): void {
		try {
			const result = parseBlock(this.source, this.settings.defaults);
			if (!result.ok) {
				this.spec = null;
				renderErrors(this.element, result.errors, this.source);
				return;
			}
			const spec = result.spec;
			this.spec = spec;
			this.element.classList.add(`activation-layout-${spec.layout}`);
			createElement(this.element, "div", "activation-title", spec.title);
			buildPrintFigure(
				this.element,
				spec,
				this.currentParameters(),
				this.settings.lineWidth,
				null,
			);
			if (spec.caption) {
				renderCaption(this.element, spec.functions, this.host.renderMath);
			}
		} catch (error) {
			logError("drawing a chart for printing failed", error);
			removeChildren(this.element);
			const reason = error instanceof Error ? error.message : String(error);
			createElement(
				this.element,
				"div",
				"activation-error",
				`The chart could not be drawn: ${reason}`,
			);
		}
	}
}

/**
 * Draws an `activation` block as mountActivationBlock does, and adds printing and export.
 * Inside a `.print` container (Obsidian's PDF export) the block is a static image at once.
 * Elsewhere it is the live chart, swapped for an image while the page prints. An
 * unexpected failure is drawn in the block and logged instead of thrown.
 */
export function mountExportableBlock(
	container: HTMLElement,
	source: string,
	settings: ChartSettings,
	host: ChartHost,
): ExportableBlockView {
	if (insidePrintContainer(container)) {
		return new PrintedBlock(container, source, settings, host);
	}
	return new LiveBlock(container, source, settings, host);
}

/** Returns the scale of copied and saved images: twice the screen's device pixels. */
export function exportScale(element: HTMLElement): number {
	return EXPORT_SCALE_FACTOR * screenScale(element);
}
