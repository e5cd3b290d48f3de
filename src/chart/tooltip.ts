import { formatNumber } from "./format";
import { nearestIndex, type ChartSamples } from "./samples";

/** The title and body lines of a chart's tooltip. */
export interface TooltipText {
	title: string;
	lines: string[];
}

/**
 * Describes the point under the pointer: x, and every series' f(x) and f'(x) at the grid
 * point nearest to x, so both panels show the same numbers whichever one is hovered.
 */
export function describePoint(samples: ChartSamples, x: number): TooltipText {
	if (!Number.isFinite(x)) {
		return { title: "", lines: [] };
	}
	let title = "";
	const lines: string[] = [];
	for (const series of samples.series) {
		const index = nearestIndex(series.sampled.x, x);
		const gridX = series.sampled.x[index] ?? NaN;
		const value = formatNumber(series.sampled.value[index] ?? NaN);
		const gradient = formatNumber(series.sampled.gradient[index] ?? NaN);
		if (title === "") {
			title = `x = ${formatNumber(gridX)}`;
		}
		const prefix = samples.series.length > 1 ? `${series.label}: ` : "";
		lines.push(`${prefix}f(x) = ${value}, f'(x) = ${gradient}`);
	}
	return { title, lines };
}
