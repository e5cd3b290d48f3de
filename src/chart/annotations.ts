import type { AnnotationOptions } from "chartjs-plugin-annotation";
import type { Annotation } from "../block/spec";
import type { Sampled } from "../kernel/types";
import { formatNumber } from "./format";
import type { SeriesSamples } from "./samples";
import { seriesColour, withAlpha, type ChartTheme } from "./theme";

/** Saturation means |f'| below this share of the largest |f'| over the domain. */
export const SATURATION_SHARE = 0.01;

/**
 * Narrowest saturated range, as a share of the grid's width, that is shaded away from the
 * ends of the grid. A sliver where f' only crosses zero (swish near -1.28) is a stationary
 * point rather than a saturated tail, so it is left out.
 */
export const MIN_INNER_REGION_SHARE = 0.05;

/** A range of x where the gradient is saturated. */
export interface Region {
	xMin: number;
	xMax: number;
}

/** Returns the largest finite |f'| over the grid, or 0 when none is finite. */
function maxAbsGradient(sampled: Sampled): number {
	let largest = 0;
	for (const gradient of sampled.gradient) {
		if (Number.isFinite(gradient)) {
			largest = Math.max(largest, Math.abs(gradient));
		}
	}
	return largest;
}

/**
 * Finds the ranges of x where |f'| stays below 1% of its maximum over the grid: ranges
 * that reach an end of the grid, and inner ranges at least 5% of the grid's width.
 */
export function saturationRegions(sampled: Sampled): Region[] {
	const threshold = SATURATION_SHARE * maxAbsGradient(sampled);
	if (threshold === 0) {
		return [];
	}
	const regions: Region[] = [];
	let start: number | null = null;
	for (let i = 0; i < sampled.x.length; i++) {
		const gradient = sampled.gradient[i] ?? NaN;
		const saturated =
			Number.isFinite(gradient) && Math.abs(gradient) < threshold;
		if (saturated && start === null) {
			start = i;
		}
		if (!saturated && start !== null) {
			pushRegion(regions, sampled.x, start, i - 1);
			start = null;
		}
	}
	if (start !== null) {
		pushRegion(regions, sampled.x, start, sampled.x.length - 1);
	}
	return regions;
}

function pushRegion(
	regions: Region[],
	x: Float64Array,
	first: number,
	last: number,
): void {
	const xMin = x[first];
	const xMax = x[last];
	const start = x[0];
	const end = x[x.length - 1];
	if (
		xMin === undefined ||
		xMax === undefined ||
		start === undefined ||
		end === undefined ||
		!(xMax > xMin)
	) {
		return;
	}
	const atEnd = first === 0 || last === x.length - 1;
	if (atEnd || xMax - xMin >= MIN_INNER_REGION_SHARE * (end - start)) {
		regions.push({ xMin, xMax });
	}
}

/** The point where |f'| peaks. */
export interface Peak {
	x: number;
	gradient: number;
}

/**
 * Finds the isolated peak of |f'|: the grid point where it is largest, when both
 * neighbours are strictly smaller. A maximum on a plateau (relu) or at an end of the grid
 * (softplus) is no peak and returns null.
 */
export function maxGradient(sampled: Sampled): Peak | null {
	let best = -1;
	let largest = -Infinity;
	for (let i = 0; i < sampled.gradient.length; i++) {
		const gradient = Math.abs(sampled.gradient[i] ?? NaN);
		if (Number.isFinite(gradient) && gradient > largest) {
			largest = gradient;
			best = i;
		}
	}
	const before = Math.abs(sampled.gradient[best - 1] ?? NaN);
	const after = Math.abs(sampled.gradient[best + 1] ?? NaN);
	if (!(before < largest && after < largest)) {
		return null;
	}
	const x = sampled.x[best];
	const gradient = sampled.gradient[best];
	if (x === undefined || gradient === undefined) {
		return null;
	}
	return { x, gradient };
}

/**
 * Labels the peak of |f'| with what it is on the gradient panel: the maximum of f' when
 * f' is positive there, and its minimum when f' is negative (-sigmoid has min f'(0) =
 * -0.25), because the largest |f'| is also the lowest f' in that case.
 */
export function peakLabel(peak: Peak): string {
	const extreme = peak.gradient < 0 ? "min" : "max";
	return `${extreme} f'(${formatNumber(peak.x)}) = ${formatNumber(peak.gradient)}`;
}

/** Facts about the chart that the annotations are drawn on. */
export interface AnnotationTarget {
	/** The y axis of the gradient panel: "y", or "y1" in an overlay. */
	gradientAxis: string;
	/** The x range on screen, which decides the side of the peak's label. */
	domain: [number, number];
	document: Document;
}

/** Returns true when a one-sided gradient limit at one of the kinks is infinite. */
export function hasUnboundedGradient(sampled: Sampled): boolean {
	const infinite = (value: number) => value === Infinity || value === -Infinity;
	return sampled.kinks.some(
		(kink) => infinite(kink.gradientLeft) || infinite(kink.gradientRight),
	);
}

/**
 * Builds the chartjs-plugin-annotation options for a chart that shows the gradient:
 * shaded saturation ranges and a labelled dot at each series' gradient peak.
 */
export function gradientAnnotations(
	series: SeriesSamples[],
	annotate: readonly Annotation[],
	theme: ChartTheme,
	target: AnnotationTarget,
): Record<string, AnnotationOptions> {
	const annotations: Record<string, AnnotationOptions> = {};
	series.forEach((entry, index) => {
		const colour = seriesColour(theme, index);
		// Both annotations are measured against the largest |f'|, which does not exist
		// when f' runs off to infinity at a kink, as for x > 0 ? log(x) : 0.
		if (hasUnboundedGradient(entry.sampled)) {
			return;
		}
		if (annotate.includes("saturation")) {
			saturationRegions(entry.sampled).forEach((region, regionIndex) => {
				annotations[`saturation-${index}-${regionIndex}`] = {
					type: "box",
					xMin: region.xMin,
					xMax: region.xMax,
					backgroundColor: withAlpha(target.document, colour, 0.08),
					borderWidth: 0,
					drawTime: "beforeDatasetsDraw",
				};
			});
		}
		const peak = annotate.includes("max-gradient")
			? maxGradient(entry.sampled)
			: null;
		if (peak !== null) {
			Object.assign(
				annotations,
				peakAnnotations(peak, index, colour, theme, target),
			);
		}
	});
	return annotations;
}

function peakAnnotations(
	peak: Peak,
	index: number,
	colour: string,
	theme: ChartTheme,
	target: AnnotationTarget,
): Record<string, AnnotationOptions> {
	// The peak sits at the top of the axis when f' is positive there, so its label goes
	// below it, and to the side of the point that faces the middle of the domain.
	const below = peak.gradient >= 0;
	const right = peak.x <= (target.domain[0] + target.domain[1]) / 2;
	return {
		[`peak-${index}`]: {
			type: "point",
			xValue: peak.x,
			yValue: peak.gradient,
			yScaleID: target.gradientAxis,
			radius: 4,
			backgroundColor: colour,
			borderColor: theme.background,
			borderWidth: 1,
		},
		[`peak-label-${index}`]: {
			type: "label",
			xValue: peak.x,
			yValue: peak.gradient,
			yScaleID: target.gradientAxis,
			content: peakLabel(peak),
			color: theme.text,
			backgroundColor: withAlpha(target.document, theme.background, 0.8),
			font: { family: theme.fontFamily, size: theme.fontSize - 1 },
			position: { x: right ? "start" : "end", y: below ? "start" : "end" },
			xAdjust: right ? 8 : -8,
			yAdjust: below ? 6 : -6,
			padding: 2,
		},
	};
}
