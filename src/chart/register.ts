import {
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
} from "chart.js";
import annotationPlugin from "chartjs-plugin-annotation";

let registered = false;

/**
 * Registers the Chart.js parts the charts use, once. The annotation plugin is registered
 * here because it registers its element types only when Chart.register runs it; it draws
 * nothing on a chart whose options list no annotations. Zoom and the crosshair stay
 * per-chart plugins.
 */
export function registerChartParts(): void {
	if (registered) {
		return;
	}
	Chart.register(
		LineController,
		LineElement,
		PointElement,
		LinearScale,
		Tooltip,
		Legend,
		annotationPlugin,
	);
	registered = true;
}
