import type { ActivationSpec } from "../../block/spec";
import { createElement, windowOf } from "../dom";
import { formatNumber } from "../format";
import type { ChartSamples } from "../samples";
import { readTheme, type ChartTheme } from "../theme";
import { drawSnapshot, snapshotHeight, type SnapshotCanvas } from "./snapshot";

/**
 * Width of printed chart images in CSS pixels: about the printable width of an A4 or
 * Letter page at Chromium's default margins. CSS scales the image to the page's width.
 */
export const PRINT_WIDTH = 700;

/** Device pixels per CSS pixel of printed images, so lines stay sharp on paper. */
export const PRINT_SCALE = 2;

export interface ImageRequest {
	/** Width in CSS pixels. */
	width: number;
	/** Device pixels per CSS pixel. */
	scale: number;
	lineWidth: number;
	title: boolean;
	/** The theme to draw with; null reads it from the CSS variables in effect on the element. */
	theme: ChartTheme | null;
}

/** Draws a block's chart into a detached canvas of the element's own document. */
export function snapshotCanvas(
	element: HTMLElement,
	spec: ActivationSpec,
	samples: ChartSamples,
	request: ImageRequest,
): HTMLCanvasElement {
	const document = element.ownerDocument;
	const canvas = drawSnapshot(spec, samples, {
		width: request.width,
		scale: request.scale,
		theme: request.theme ?? readTheme(element),
		lineWidth: request.lineWidth,
		title: request.title,
		background: true,
		document,
		createCanvas: (width: number, height: number): SnapshotCanvas => {
			// The plain DOM call, because the canvas stays detached and the HTML preview has no createEl.
			const created = document.createElement("canvas");
			created.width = width;
			created.height = height;
			return created;
		},
	});
	return canvas as HTMLCanvasElement;
}

/** Returns the text alternative of a chart image: what it plots, over which domain. */
export function describeImage(spec: ActivationSpec): string {
	const names = spec.functions
		.map((entry) => entry.activation.label)
		.join(", ");
	const panels = spec.show
		.map((panel) => (panel === "value" ? "value" : "gradient"))
		.join(" and ");
	const [min, max] = spec.domain;
	return `Chart of the ${panels} of ${names} for x from ${formatNumber(min)} to ${formatNumber(max)}`;
}

/**
 * Creates an <img> of the chart at print size, its pixels in a PNG data URL, so it shows
 * at once and needs nothing but the page itself. The width and height attributes give
 * its size in CSS pixels before styles.css scales it to the page.
 */
export function printImage(
	parent: HTMLElement,
	spec: ActivationSpec,
	samples: ChartSamples,
	lineWidth: number,
): HTMLImageElement {
	const canvas = snapshotCanvas(parent, spec, samples, {
		width: PRINT_WIDTH,
		scale: PRINT_SCALE,
		lineWidth,
		title: false,
		theme: null,
	});
	const image = createElement(parent, "img", "activation-print-image");
	image.alt = describeImage(spec);
	image.width = PRINT_WIDTH;
	image.height = snapshotHeight(spec, PRINT_WIDTH, false);
	image.src = canvas.toDataURL("image/png");
	return image;
}

/**
 * Encodes a canvas as PNG bytes. Obsidian's clipboard and vault APIs take a Blob and an
 * ArrayBuffer; toBlob is asynchronous, so this waits for the encoder.
 */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) => {
		canvas.toBlob((blob) => {
			if (blob === null) {
				reject(new Error("the browser could not encode the chart as PNG"));
			} else {
				resolve(blob);
			}
		}, "image/png");
	});
}

/** Returns the device pixel ratio of the element's window, 1 where it is unknown. */
export function screenScale(element: HTMLElement): number {
	const ratio = windowOf(element).devicePixelRatio;
	return Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
}
