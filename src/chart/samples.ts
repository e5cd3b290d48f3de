import type { Sampled } from "../kernel/types";

/**
 * The fields of the block layer's evaluated spec that the chart reads. The block layer's
 * own result type has these fields and more, so it is accepted as it is.
 */
export interface SeriesSamples {
	label: string;
	sampled: Sampled;
}

/** Value and gradient of one series at one `at` point. */
export interface MarkSample {
	label: string;
	x: number;
	value: number;
	gradient: number;
}

export interface ChartSamples {
	series: SeriesSamples[];
	marks: MarkSample[];
	notes: string[];
}

export interface EvaluateOptions {
	parameters?: Record<string, number>;
	domain?: [number, number];
}

/** Samples the block's functions, with slider values and a zoomed domain when given. */
export type Evaluate = (options: EvaluateOptions) => ChartSamples;

/** Returns the index of the grid point nearest to x in a sorted grid, or -1 for an empty grid. */
export function nearestIndex(grid: Float64Array, x: number): number {
	if (grid.length === 0) {
		return -1;
	}
	let low = 0;
	let high = grid.length - 1;
	while (high - low > 1) {
		const middle = (low + high) >> 1;
		if ((grid[middle] ?? 0) <= x) {
			low = middle;
		} else {
			high = middle;
		}
	}
	const lowDistance = Math.abs((grid[low] ?? 0) - x);
	const highDistance = Math.abs((grid[high] ?? 0) - x);
	return highDistance < lowDistance ? high : low;
}
