/**
 * The contract every block body must meet, whatever its text. parseBlock returns a spec
 * or clear errors without throwing. A spec evaluates without throwing into arrays of the
 * right length on a finite, sorted grid. The whole block takes bounded time.
 */
import { evaluateSpec, parseBlock, type ActivationSpec } from "../../src/block";
import { splitLines } from "../../src/block/source";

/**
 * Maximum CPU time for parsing a block and sampling it as written, and for each later
 * evaluation (a slider drag, a zoom). Measured estimate: 100,000 samples of an expression
 * with 5,000 kinks, `sign(sin(1000*x))`, take about 1 s per evaluation on a 2-core VM.
 */
export const BLOCK_TIME_LIMIT_MS = 2500;

/** The start of parseBlock's message for an exception it caught, which is a bug to report. */
const INTERNAL_FAILURE = "the block could not be read";

export interface BlockOutcome {
	/** Null when the block met the contract, else what broke it. */
	problem: string | null;
	/** True when the block parsed into a spec. */
	ok: boolean;
	/** CPU time to parse the block and sample it as written. */
	milliseconds: number;
}

function describe(error: unknown): string {
	if (error instanceof Error) {
		return `${error.name}: ${error.message}`;
	}
	return String(error);
}

/** Checks one evaluation of a spec: lengths, a finite sorted grid, notes for non-finite values. */
function checkSamples(
	spec: ActivationSpec,
	options: Parameters<typeof evaluateSpec>[1],
	stage: string,
): string | null {
	const result = evaluateSpec(spec, options);
	if (result.series.length !== spec.functions.length) {
		return `${stage}: ${result.series.length} series for ${spec.functions.length} functions`;
	}
	if (result.marks.length !== spec.functions.length * spec.at.length) {
		return `${stage}: ${result.marks.length} marks for ${spec.functions.length} functions and ${spec.at.length} points`;
	}
	for (const series of result.series) {
		const { x, value, gradient, kinks } = series.sampled;
		if (
			x.length !== spec.samples ||
			value.length !== spec.samples ||
			gradient.length !== spec.samples
		) {
			return `${stage}: ${series.label} has ${x.length}, ${value.length}, ${gradient.length} points for samples: ${spec.samples}`;
		}
		for (let i = 0; i < x.length; i++) {
			const here = x[i] as number;
			if (!Number.isFinite(here)) {
				return `${stage}: grid point ${i} of ${series.label} is ${here}`;
			}
			if (i > 0 && !((x[i - 1] as number) <= here)) {
				return `${stage}: grid of ${series.label} decreases at point ${i}`;
			}
		}
		const low = x[0] as number;
		const high = x[x.length - 1] as number;
		for (const kink of kinks) {
			if (!(kink.x >= low && kink.x <= high)) {
				return `${stage}: kink of ${series.label} at ${kink.x} outside [${low}, ${high}]`;
			}
		}
		const nonFinite =
			value.some((v) => !Number.isFinite(v)) ||
			gradient.some((g) => !Number.isFinite(g));
		if (nonFinite && series.sampled.notes.length === 0) {
			return `${stage}: ${series.label} has values that are not finite and no note says where`;
		}
	}
	return null;
}

/** Parameter values at one end of every slider, as a user dragging them would set. */
function sliderEnds(
	spec: ActivationSpec,
	end: "min" | "max",
): Record<string, number> {
	return Object.fromEntries(
		spec.parameters.map((parameter) => [parameter.name, parameter[end]]),
	);
}

/**
 * Runs one step, and returns its problem and the CPU time it took. CPU time, unlike wall
 * time, does not grow when other processes load the machine.
 */
function timed(step: () => string | null): {
	problem: string | null;
	milliseconds: number;
} {
	const start = process.cpuUsage();
	const problem = step();
	const used = process.cpuUsage(start);
	return { problem, milliseconds: (used.user + used.system) / 1000 };
}

function checkSpecFields(spec: ActivationSpec): string | null {
	const [min, max] = spec.domain;
	if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
		return `spec domain [${min}, ${max}] is not finite with min below max`;
	}
	if (
		!Number.isInteger(spec.samples) ||
		spec.samples < 2 ||
		spec.samples > 100_000
	) {
		return `spec samples ${spec.samples} is outside 2 to 100,000`;
	}
	if (spec.functions.length === 0) {
		return "spec has no function";
	}
	return null;
}

/** Evaluates a spec again as sliders and zoom do, each evaluation within the time limit. */
function checkInteraction(spec: ActivationSpec): string | null {
	const [min, max] = spec.domain;
	const width = max - min;
	const steps: [string, Parameters<typeof evaluateSpec>[1]][] = [
		["sliders at min", { parameters: sliderEnds(spec, "min") }],
		[
			"sliders at max, zoomed",
			{
				parameters: sliderEnds(spec, "max"),
				domain: [min + width / 4, max - width / 4],
			},
		],
	];
	for (const [stage, options] of steps) {
		const step = timed(() => checkSamples(spec, options, stage));
		if (step.problem !== null) {
			return step.problem;
		}
		if (step.milliseconds > BLOCK_TIME_LIMIT_MS) {
			return `${stage}: took ${Math.round(step.milliseconds)} ms, more than ${BLOCK_TIME_LIMIT_MS} ms`;
		}
	}
	return null;
}

function checkErrors(
	text: string,
	errors: { line: number; key: string | null; message: string }[],
): string | null {
	if (errors.length === 0) {
		return "parseBlock failed with no error";
	}
	const lineCount = splitLines(text).length;
	for (const error of errors) {
		if (
			!Number.isInteger(error.line) ||
			error.line < 1 ||
			error.line > lineCount
		) {
			return `error line ${error.line} outside the block's ${lineCount} lines: ${error.message}`;
		}
		if (typeof error.message !== "string" || error.message.trim() === "") {
			return `error on line ${error.line} has an empty message`;
		}
		if (error.message.startsWith(INTERNAL_FAILURE)) {
			return `parseBlock caught an internal exception: ${error.message}`;
		}
	}
	return null;
}

/**
 * Parses and evaluates one block body, and returns what broke the contract, if anything.
 * `milliseconds` is the CPU time to parse and evaluate the block as written, which is what
 * drawing it costs.
 */
export function checkBlock(text: string): BlockOutcome {
	let spec: ActivationSpec | null = null;
	const first = timed(() => {
		try {
			const result = parseBlock(text);
			if (!result.ok) {
				return checkErrors(text, result.errors);
			}
			spec = result.spec;
			return (
				checkSpecFields(result.spec) ??
				checkSamples(result.spec, {}, "as written")
			);
		} catch (error) {
			return `uncaught exception: ${describe(error)}`;
		}
	});
	const outcome: BlockOutcome = {
		problem: first.problem,
		ok: spec !== null,
		milliseconds: first.milliseconds,
	};
	if (outcome.problem === null && first.milliseconds > BLOCK_TIME_LIMIT_MS) {
		outcome.problem = `took ${Math.round(first.milliseconds)} ms, more than ${BLOCK_TIME_LIMIT_MS} ms`;
	}
	const parsed: ActivationSpec | null = spec;
	if (outcome.problem === null && parsed !== null) {
		try {
			outcome.problem = checkInteraction(parsed);
		} catch (error) {
			outcome.problem = `uncaught exception on a slider or zoom: ${describe(error)}`;
		}
	}
	return outcome;
}
