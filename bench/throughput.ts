// The kernel's throughput section: value plus gradient in points per second for
// every case, measured side by side with the baselines in this one process.
import { compileActivation, linspace } from "../src/kernel/index";
import {
	FLOAT32_TOLERANCE,
	FLOAT64_TOLERANCE,
	maxDifference,
} from "./agreement";
import type { BenchCase } from "./cases";
import {
	measureInterleaved,
	median,
	samplePointsPerSecond,
	type MeasureSettings,
} from "./measure";
import {
	closureRunner,
	kernelRunner,
	mathjsDerivativeRunner,
	mathjsEvaluateRunner,
	tfjsRunner,
	type GridRunner,
} from "./runners";

export const BASELINE_NAMES = [
	"mathjsEvaluate",
	"mathjsDerivative",
	"tfjs",
	"closure",
] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];
export type ContenderName = "kernel" | BaselineName;

export interface ThroughputSettings extends MeasureSettings {
	readonly domain: readonly [number, number];
	readonly gridPoints: number;
	/** mathjs evaluates one point per call, so it gets a smaller grid over the same domain. */
	readonly mathjsGridPoints: number;
	/** Samples of the compile time; each repeats compiling for `compileSampleMs`. */
	readonly compileSamples: number;
	readonly compileSampleMs: number;
}

export interface CaseResult {
	/** The kernel's input: a catalog name or the expression. */
	name: string;
	kind: "catalog" | "expression";
	mathjsExpression: string;
	/** The kernel's value plus gradient, in points per second. */
	pointsPerSecond: number;
	/** Median time of one `compileActivation` call, in milliseconds. */
	compileMs: number;
	/** Points per second of each baseline; null where it cannot compute the case. */
	baselines: Record<BaselineName, number | null>;
	/** The kernel's points per second divided by each baseline's. */
	ratios: Record<BaselineName, number | null>;
	/** Largest relative difference from the hand-written closure's output. */
	maxDifference: Record<ContenderName, number | null>;
	/** Interquartile range of each contender's samples divided by their median. */
	relativeSpread: Record<ContenderName, number | null>;
	notes: string[];
}

function perBaseline<T>(
	valueOf: (name: BaselineName) => T,
): Record<BaselineName, T> {
	return {
		mathjsEvaluate: valueOf("mathjsEvaluate"),
		mathjsDerivative: valueOf("mathjsDerivative"),
		tfjs: valueOf("tfjs"),
		closure: valueOf("closure"),
	};
}

function perContender<T>(
	valueOf: (name: ContenderName) => T,
): Record<ContenderName, T> {
	return { kernel: valueOf("kernel"), ...perBaseline(valueOf) };
}

/** Returns the median milliseconds of one `compileActivation(source)` call. */
function measureCompileMs(
	source: string,
	settings: ThroughputSettings,
): number {
	const compiler = {
		points: 1,
		run: () => {
			compileActivation(source);
		},
	};
	const samples: number[] = [];
	for (let i = 0; i < settings.compileSamples; i++) {
		samples.push(
			1000 / samplePointsPerSecond(compiler, settings.compileSampleMs),
		);
	}
	return median(samples);
}

/** Builds every contender for the case, noting each baseline that cannot compute it. */
function buildRunners(
	benchCase: BenchCase,
	settings: ThroughputSettings,
	notes: string[],
): Map<ContenderName, GridRunner> {
	const [x0, x1] = settings.domain;
	const grid = linspace(x0, x1, settings.gridPoints);
	const mathjsGrid = linspace(x0, x1, settings.mathjsGridPoints);
	const runners = new Map<ContenderName, GridRunner>();

	runners.set(
		"kernel",
		kernelRunner(compileActivation(benchCase.source), grid),
	);
	runners.set(
		"mathjsEvaluate",
		mathjsEvaluateRunner(benchCase.mathjsExpression, mathjsGrid),
	);

	const derivativeAttempt = mathjsDerivativeRunner(
		benchCase.mathjsExpression,
		mathjsGrid,
	);
	if ("runner" in derivativeAttempt) {
		runners.set("mathjsDerivative", derivativeAttempt.runner);
	} else {
		notes.push(derivativeAttempt.reason);
	}

	if (benchCase.tfjs === null) {
		notes.push("tfjs: no operation with a gradient for this function");
	} else {
		runners.set("tfjs", tfjsRunner(benchCase.tfjs, grid));
	}

	runners.set("closure", closureRunner(benchCase.closure, grid));
	return runners;
}

/** Runs each contender once and compares its output with the closure's. */
function checkAgreement(
	benchCase: BenchCase,
	runners: ReadonlyMap<ContenderName, GridRunner>,
	notes: string[],
): Record<ContenderName, number | null> {
	const differences: Record<ContenderName, number | null> = {
		kernel: null,
		mathjsEvaluate: null,
		mathjsDerivative: null,
		tfjs: null,
		closure: null,
	};
	for (const [name, runner] of runners) {
		runner.run();
		const difference = maxDifference(runner, benchCase.closure);
		const tolerance = name === "tfjs" ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
		differences[name] = Number.isNaN(difference) ? null : difference;
		if (!(difference <= tolerance)) {
			notes.push(
				`${name} differs from the hand-written closure by ${difference.toExponential(2)} ` +
					`(relative), more than the tolerance ${tolerance}`,
			);
		}
	}
	return differences;
}

/** Measures one case: the kernel and every baseline in the same interleaved rounds. */
export function benchmarkCase(
	benchCase: BenchCase,
	settings: ThroughputSettings,
): CaseResult {
	const notes: string[] = [];
	const compileMs = measureCompileMs(benchCase.source, settings);
	const runners = buildRunners(benchCase, settings, notes);
	const differences = checkAgreement(benchCase, runners, notes);

	const measurements = measureInterleaved(runners, settings);
	for (const runner of runners.values()) {
		runner.dispose();
	}

	const kernel = measurements.get("kernel")?.pointsPerSecond ?? Number.NaN;
	const baselines = perBaseline(
		(name) => measurements.get(name)?.pointsPerSecond ?? null,
	);
	const ratios = perBaseline((name) => {
		const pointsPerSecond = baselines[name];
		return pointsPerSecond === null ? null : kernel / pointsPerSecond;
	});

	return {
		name: benchCase.source,
		kind: benchCase.kind,
		mathjsExpression: benchCase.mathjsExpression,
		pointsPerSecond: kernel,
		compileMs,
		baselines,
		ratios,
		maxDifference: differences,
		relativeSpread: perContender(
			(name) => measurements.get(name)?.relativeSpread ?? null,
		),
		notes,
	};
}
