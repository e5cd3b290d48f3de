import type { Chart, Plugin } from "chart.js";

/** The pointer's x in data units, shared by the charts of one block. */
export interface Crosshair {
	x: number | null;
	charts: Chart[];
	colour: string;
}

function drawLine(chart: Chart, crosshair: Crosshair): void {
	const scale = chart.scales.x;
	if (crosshair.x === null || scale === undefined) {
		return;
	}
	const pixel = scale.getPixelForValue(crosshair.x);
	const area = chart.chartArea;
	if (pixel < area.left || pixel > area.right) {
		return;
	}
	const context = chart.ctx;
	context.save();
	context.strokeStyle = crosshair.colour;
	context.lineWidth = 1;
	context.beginPath();
	context.moveTo(pixel, area.top);
	context.lineTo(pixel, area.bottom);
	context.stroke();
	context.restore();
}

/**
 * Creates the inline Chart.js plugin that tracks the pointer and draws a vertical line at
 * its x on every chart of the block. Each chart gets it through its own `plugins` list.
 */
export function crosshairPlugin(crosshair: Crosshair): Plugin {
	let moved = false;
	return {
		id: "activationCrosshair",
		beforeEvent(chart, args) {
			const event = args.event;
			const scale = chart.scales.x;
			let x: number | null = null;
			if (
				event.type !== "mouseout" &&
				args.inChartArea === true &&
				scale !== undefined
			) {
				x = event.x === null ? null : (scale.getValueForPixel(event.x) ?? null);
			}
			moved = x !== crosshair.x;
			if (!moved) {
				return;
			}
			crosshair.x = x;
			for (const other of crosshair.charts) {
				if (other !== chart) {
					other.draw();
				}
			}
		},
		afterEvent(_chart, args) {
			if (moved) {
				args.changed = true;
				moved = false;
			}
		},
		afterDatasetsDraw(chart) {
			drawLine(chart, crosshair);
		},
	};
}
