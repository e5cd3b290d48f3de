// Browser entry for export tests: mounts blocks through the export wrapper with the real kernel.
import { DEFAULT_CHART_SETTINGS } from "../../src/chart/index";
import {
	canvasToPng,
	exportScale,
	mountExportableBlock,
	type ExportableBlockView,
} from "../../src/chart/export";

const settings = { ...DEFAULT_CHART_SETTINGS, animate: false };

function mount(
	container: HTMLElement,
	sources: string[],
	eager = true,
): ExportableBlockView[] {
	return sources.map((source) => {
		const block = container.ownerDocument.createElement("div");
		container.appendChild(block);
		return mountExportableBlock(block, source, settings, {
			renderMath: null,
			saveParameters: null,
			eager,
		});
	});
}

/** Counts the pixels of an image whose colour is within `tolerance` of an RGB colour. */
function countImageColour(
	image: HTMLImageElement,
	rgb: [number, number, number],
	tolerance = 40,
): number {
	const canvas = image.ownerDocument.createElement("canvas");
	canvas.width = image.naturalWidth;
	canvas.height = image.naturalHeight;
	const context = canvas.getContext("2d");
	if (context === null) {
		throw new Error("canvas has no 2D context");
	}
	context.drawImage(image, 0, 0);
	const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
	let count = 0;
	for (let i = 0; i < data.length; i += 4) {
		const distance =
			Math.abs((data[i] ?? 0) - rgb[0]) +
			Math.abs((data[i + 1] ?? 0) - rgb[1]) +
			Math.abs((data[i + 2] ?? 0) - rgb[2]);
		if ((data[i + 3] ?? 0) > 200 && distance <= tolerance) {
			count += 1;
		}
	}
	return count;
}

const harness = { mount, countImageColour, canvasToPng, exportScale };

declare global {
	interface Window {
		exportHarness: typeof harness;
	}
}

window.exportHarness = harness;
