import type { ChartSettings } from "../chart/index";
import {
	ANNOTATIONS,
	LAYOUTS,
	PANELS,
	type Annotation,
	type BlockDefaults,
	type Layout,
	type Panel,
} from "../block/spec";
import { MAX_SAMPLES } from "../kernel/types";

/** The smallest grid a block may ask for: both ends of the domain. */
export const MIN_SAMPLES = 2;

/** Line widths the settings tab offers, in CSS pixels. */
export const LINE_WIDTH_RANGE = { min: 0.5, max: 6, step: 0.5 } as const;

export type Checked<T> =
	{ ok: true; value: T } | { ok: false; message: string };

/** Parses a typed domain bound; `which` names it in the message ("minimum"). */
export function checkDomainBound(text: string, which: string): Checked<number> {
	const trimmed = text.trim();
	const value = Number(trimmed);
	if (trimmed === "" || !Number.isFinite(value)) {
		return {
			ok: false,
			message: `The ${which} must be a finite number, such as -8.`,
		};
	}
	return { ok: true, value };
}

export function checkDomain(
	min: number,
	max: number,
): Checked<[number, number]> {
	if (!(min < max)) {
		return {
			ok: false,
			message: `The minimum (${min}) must be below the maximum (${max}).`,
		};
	}
	return { ok: true, value: [min, max] };
}

export function checkSamples(text: string): Checked<number> {
	const trimmed = text.trim();
	const value = Number(trimmed);
	if (
		trimmed === "" ||
		!Number.isInteger(value) ||
		value < MIN_SAMPLES ||
		value > MAX_SAMPLES
	) {
		return {
			ok: false,
			message: `Samples must be a whole number from ${MIN_SAMPLES} to ${MAX_SAMPLES}.`,
		};
	}
	return { ok: true, value };
}

export function checkLineWidth(value: number): Checked<number> {
	const { min, max } = LINE_WIDTH_RANGE;
	if (!Number.isFinite(value) || value < min || value > max) {
		return {
			ok: false,
			message: `The line width must be from ${min} to ${max} pixels.`,
		};
	}
	return { ok: true, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(
	options: readonly T[],
	value: unknown,
): value is T {
	return options.some((option) => option === value);
}

function storedDomain(
	value: unknown,
	fallback: [number, number],
): [number, number] {
	if (!Array.isArray(value) || value.length !== 2) return fallback;
	const [min, max] = value as unknown[];
	if (typeof min !== "number" || typeof max !== "number") return fallback;
	if (!Number.isFinite(min) || !Number.isFinite(max)) return fallback;
	const checked = checkDomain(min, max);
	return checked.ok ? checked.value : fallback;
}

function storedSubset<T extends string>(
	options: readonly T[],
	value: unknown,
	fallback: T[],
): T[] {
	if (!Array.isArray(value)) return fallback;
	if (!value.every((item) => isOneOf(options, item))) return fallback;
	// Keeps the canonical order and drops repeats.
	return options.filter((option) => value.includes(option));
}

function storedDefaults(
	value: unknown,
	fallback: BlockDefaults,
): BlockDefaults {
	if (!isRecord(value)) return fallback;
	const samples = checkSamples(String(value.samples));
	const show = storedSubset<Panel>(PANELS, value.show, fallback.show);
	return {
		domain: storedDomain(value.domain, fallback.domain),
		samples:
			typeof value.samples === "number" && samples.ok
				? samples.value
				: fallback.samples,
		layout: isOneOf<Layout>(LAYOUTS, value.layout)
			? value.layout
			: fallback.layout,
		show: show.length > 0 ? show : fallback.show,
		annotate: storedSubset<Annotation>(
			ANNOTATIONS,
			value.annotate,
			fallback.annotate,
		),
		caption:
			typeof value.caption === "boolean" ? value.caption : fallback.caption,
	};
}

/**
 * Reads settings saved by an earlier version or edited by hand. Each field that is
 * missing or invalid takes its value from `fallback`, so one bad field never resets the
 * others. The result shares no arrays with `fallback`.
 */
export function parseStoredSettings(
	data: unknown,
	fallback: ChartSettings,
): ChartSettings {
	if (!isRecord(data)) return copySettings(fallback);
	const lineWidth =
		typeof data.lineWidth === "number"
			? checkLineWidth(data.lineWidth)
			: undefined;
	return copySettings({
		defaults: storedDefaults(data.defaults, fallback.defaults),
		lineWidth: lineWidth?.ok === true ? lineWidth.value : fallback.lineWidth,
		animate:
			typeof data.animate === "boolean" ? data.animate : fallback.animate,
	});
}

/** Returns a deep copy, so editing the copy never changes settings in use. */
export function copySettings(settings: ChartSettings): ChartSettings {
	const defaults = settings.defaults;
	return {
		defaults: {
			...defaults,
			domain: [defaults.domain[0], defaults.domain[1]],
			show: [...defaults.show],
			annotate: [...defaults.annotate],
		},
		lineWidth: settings.lineWidth,
		animate: settings.animate,
	};
}
