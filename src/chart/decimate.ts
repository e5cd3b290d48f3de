import type { ChartPoint } from "./kinks";

/**
 * Number of x buckets a long line is reduced to. Each bucket keeps up to four points, so
 * a line keeps at most about 8,000 points: more than two per device pixel across a 4K
 * screen, so the drawn line looks the same as the full one.
 */
export const DECIMATION_BUCKETS = 2000;

/**
 * Keeps the first, lowest, highest and last point of each unbroken run inside a bucket,
 * and one NaN point for each gap, so jumps and non-finite ranges stay gaps.
 */
function reduceBucket(
	points: ChartPoint[],
	start: number,
	end: number,
	into: ChartPoint[],
): void {
	let runStart = start;
	for (let i = start; i <= end; i++) {
		const point = points[i];
		const gap = point === undefined || Number.isNaN(point.y);
		if (gap || i === end) {
			const runEnd = gap ? i - 1 : i;
			reduceRun(points, runStart, runEnd, into);
			const previous = into[into.length - 1];
			if (gap && point !== undefined && !Number.isNaN(previous?.y ?? 0)) {
				into.push(point);
			}
			runStart = i + 1;
		}
	}
}

function reduceRun(
	points: ChartPoint[],
	start: number,
	end: number,
	into: ChartPoint[],
): void {
	if (end < start) {
		return;
	}
	let low = start;
	let high = start;
	for (let i = start; i <= end; i++) {
		const y = points[i]?.y ?? NaN;
		if (y < (points[low]?.y ?? NaN)) {
			low = i;
		}
		if (y > (points[high]?.y ?? NaN)) {
			high = i;
		}
	}
	const indices = [...new Set([start, low, high, end])].sort((a, b) => a - b);
	for (const index of indices) {
		const point = points[index];
		if (point !== undefined) {
			into.push(point);
		}
	}
}

/**
 * Reduces a line sorted by x to at most four points per bucket of x (min-max decimation).
 * Lines with at most twice as many points as buckets come back unchanged.
 */
export function decimate(
	points: ChartPoint[],
	buckets: number = DECIMATION_BUCKETS,
): ChartPoint[] {
	const first = points[0];
	const last = points[points.length - 1];
	if (
		points.length <= 2 * buckets ||
		first === undefined ||
		last === undefined
	) {
		return points;
	}
	const width = (last.x - first.x) / buckets;
	if (!(width > 0)) {
		return points;
	}
	const reduced: ChartPoint[] = [];
	let start = 0;
	while (start < points.length) {
		const bucket = Math.floor(((points[start]?.x ?? last.x) - first.x) / width);
		let end = start;
		while (
			end + 1 < points.length &&
			Math.floor(((points[end + 1]?.x ?? last.x) - first.x) / width) === bucket
		) {
			end += 1;
		}
		reduceBucket(points, start, end, reduced);
		start = end + 1;
	}
	return reduced;
}
