import { evaluateSpec } from "../../block";
import type { ActivationSpec } from "../../block/spec";
import { createElement, windowOf } from "../dom";
import { logError } from "../log";
import { renderMarks } from "../marks";
import { printImage } from "./image";
import { parametersText } from "./parameters";

/** Class of a block whose live panels are swapped for their printed image. */
export const PRINTING_CLASS = "activation-printing";

/**
 * Builds what a printed block shows in place of its canvases and controls: the chart as
 * an image, the parameter values as text, and the `at` table and notes for the same
 * values. Everything is computed here, so a block that never scrolled into view (and so
 * never drew its live chart) prints complete.
 */
export function buildPrintFigure(
	parent: HTMLElement,
	spec: ActivationSpec,
	parameters: Record<string, number>,
	lineWidth: number,
	before: Node | null,
): HTMLElement {
	const figure = createElement(parent, "div", "activation-print");
	parent.insertBefore(figure, before);

	const samples = evaluateSpec(spec, { parameters });
	printImage(figure, spec, samples, lineWidth);
	const values = parametersText(spec, parameters);
	if (values !== "") {
		createElement(figure, "div", "activation-print-parameters", values);
	}
	const marks = createElement(figure, "table", "activation-marks");
	renderMarks(marks, samples.marks, samples.series.length);
	const notes = new Set(samples.notes);
	if (notes.size > 0) {
		createElement(figure, "div", "activation-notes", [...notes].join("\n"));
	}
	return figure;
}

/** The parts of a live block that the print swap reads. */
export interface PrintSource {
	spec: ActivationSpec;
	lineWidth: number;
	/** The slider values at the time of printing. */
	parameters(): Record<string, number>;
}

/**
 * Swaps a live block's canvases for a static image while the page prints. Chart.js does
 * not resize its canvases for paper, so instead the chart is drawn afresh at print size.
 * Both signals are used because browsers differ: `beforeprint`/`afterprint`, and a
 * `matchMedia("print")` listener, which also fires when a test emulates print media.
 */
export class PrintSwap {
	private figure: HTMLElement | null = null;
	private readonly window: Window;
	private readonly media: MediaQueryList | null;
	private readonly start = (): void => this.swapIn();
	private readonly end = (): void => this.swapOut();
	private readonly change = (event: MediaQueryListEvent): void => {
		if (event.matches) {
			this.swapIn();
		} else {
			this.swapOut();
		}
	};

	constructor(
		private readonly root: HTMLElement,
		private readonly source: PrintSource,
	) {
		this.window = windowOf(root);
		this.window.addEventListener("beforeprint", this.start);
		this.window.addEventListener("afterprint", this.end);
		this.media =
			typeof this.window.matchMedia === "function"
				? this.window.matchMedia("print")
				: null;
		this.media?.addEventListener("change", this.change);
		if (this.media?.matches === true) {
			this.swapIn();
		}
	}

	/** True while the printed image replaces the live chart. */
	get swapped(): boolean {
		return this.figure !== null;
	}

	dispose(): void {
		this.window.removeEventListener("beforeprint", this.start);
		this.window.removeEventListener("afterprint", this.end);
		this.media?.removeEventListener("change", this.change);
		this.swapOut();
	}

	private swapIn(): void {
		if (this.figure !== null || !this.root.isConnected) {
			return;
		}
		try {
			const panels = this.root.querySelector(":scope > .activation-panels");
			this.figure = buildPrintFigure(
				this.root,
				this.source.spec,
				this.source.parameters(),
				this.source.lineWidth,
				panels,
			);
			this.root.classList.add(PRINTING_CLASS);
		} catch (error) {
			// The live canvases stay in place, so the page still prints something.
			logError("drawing a chart for printing failed", error);
			this.swapOut();
		}
	}

	private swapOut(): void {
		this.figure?.remove();
		this.figure = null;
		this.root.classList.remove(PRINTING_CLASS);
	}
}
