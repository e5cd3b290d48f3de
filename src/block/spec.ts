import type { Activation } from "../kernel/types";

export type Layout = "side-by-side" | "stacked" | "overlay";
export type Panel = "value" | "gradient";
export type Annotation = "max-gradient" | "saturation" | "kinks";

export const LAYOUTS: readonly Layout[] = [
	"side-by-side",
	"stacked",
	"overlay",
];
export const PANELS: readonly Panel[] = ["value", "gradient"];
export const ANNOTATIONS: readonly Annotation[] = [
	"max-gradient",
	"saturation",
	"kinks",
];

/** Defaults for keys a block leaves out; the settings tab changes them in Obsidian. */
export interface BlockDefaults {
	domain: [number, number];
	samples: number;
	layout: Layout;
	show: Panel[];
	annotate: Annotation[];
	caption: boolean;
}

export const DEFAULT_BLOCK_DEFAULTS: BlockDefaults = {
	domain: [-8, 8],
	samples: 401,
	layout: "side-by-side",
	show: ["value", "gradient"],
	annotate: ["max-gradient", "saturation", "kinks"],
	caption: false,
};

/** One function of the block's `function` key. */
export interface FunctionSpec {
	/** The catalog name or the expression, as written. */
	source: string;
	activation: Activation;
	/** The 1-based line of the block where the function was written. */
	line: number;
}

/** A parameter's value and its slider range. */
export interface ParameterSpec {
	name: string;
	value: number;
	min: number;
	max: number;
	step: number;
	/**
	 * True when the block sets the value. When it does not, `value` is the default of the
	 * first function that takes the parameter, and every other function keeps its own.
	 */
	explicit: boolean;
}

/** A validated block: every default filled in, every value checked. */
export interface ActivationSpec {
	functions: FunctionSpec[];
	/** Every parameter of every function, by name, in order of first appearance. */
	parameters: ParameterSpec[];
	domain: [number, number];
	samples: number;
	y: [number, number] | null;
	gradientY: [number, number] | null;
	show: Panel[];
	layout: Layout;
	at: number[];
	annotate: Annotation[];
	caption: boolean;
	/** The `title` key, or the function names joined when the block has none. */
	title: string;
	/** True when the body was the one-line shorthand for `function: ...`. */
	shorthand: boolean;
}

/** A problem with a block, drawn inside it. `line` is 1-based within the block body. */
export interface BlockError {
	line: number;
	key: string | null;
	message: string;
}

export type ParseResult =
	{ ok: true; spec: ActivationSpec } | { ok: false; errors: BlockError[] };

/** Formats an error as users see it: "line 3: unknown key 'colour'; ...". */
export function formatBlockError(error: BlockError): string {
	return `line ${error.line}: ${error.message}`;
}
