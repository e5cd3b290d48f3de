// Throughput measurement: warm-up, then rounds in which every contender is
// sampled once, in a rotating order, so that machine noise (other processes,
// garbage collection, CPU frequency) falls on all of them alike. The result is
// the median over the rounds.
import { performance } from "node:perf_hooks";

/** One contender on one case: a call of `run` computes `points` grid points. */
export interface Runner {
	readonly points: number;
	run(): void;
}

export interface MeasureSettings {
	/** Rounds of samples; the reported figure is their median. */
	readonly rounds: number;
	/** Time each runner runs, untimed, before the first round, in milliseconds. */
	readonly warmupMs: number;
	/** A sample repeats `run` until this many milliseconds have passed (at least once). */
	readonly minSampleMs: number;
}

/** Returns points per second over repeated calls of `runner.run` lasting at least minMs. */
export function samplePointsPerSecond(runner: Runner, minMs: number): number {
	const start = performance.now();
	let calls = 0;
	let elapsedMs = 0;
	do {
		runner.run();
		calls++;
		elapsedMs = performance.now() - start;
	} while (elapsedMs < minMs);
	return (calls * runner.points * 1000) / elapsedMs;
}

export function median(samples: readonly number[]): number {
	if (samples.length === 0) {
		throw new RangeError("median of no samples");
	}
	const sorted = [...samples].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const upper = sorted[middle] as number;
	if (sorted.length % 2 === 1) {
		return upper;
	}
	return ((sorted[middle - 1] as number) + upper) / 2;
}

/** Returns the q-quantile (0 to 1) of the samples, interpolating between neighbours. */
export function quantile(samples: readonly number[], q: number): number {
	if (samples.length === 0) {
		throw new RangeError("quantile of no samples");
	}
	const sorted = [...samples].sort((a, b) => a - b);
	const position = q * (sorted.length - 1);
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	const fraction = position - below;
	return (
		(sorted[below] as number) * (1 - fraction) +
		(sorted[above] as number) * fraction
	);
}

/** The median of a contender's samples and how widely they scatter around it. */
export interface Measurement {
	pointsPerSecond: number;
	/** Interquartile range of the samples divided by their median: 0.1 means ±5%. */
	relativeSpread: number;
}

/**
 * Measures every runner in the same rounds and returns the median points per
 * second of each, by the same keys. Round r starts at runner r (mod the count),
 * so no runner always follows the same neighbour.
 */
export function measureInterleaved<Key extends string>(
	runners: ReadonlyMap<Key, Runner>,
	settings: MeasureSettings,
): Map<Key, Measurement> {
	const entries = [...runners.entries()];
	for (const [, runner] of entries) {
		samplePointsPerSecond(runner, settings.warmupMs);
	}

	const samples = new Map<Key, number[]>(entries.map(([key]) => [key, []]));
	for (let round = 0; round < settings.rounds; round++) {
		for (let offset = 0; offset < entries.length; offset++) {
			const entry = entries[(round + offset) % entries.length];
			if (entry === undefined) {
				continue;
			}
			const [key, runner] = entry;
			const rate = samplePointsPerSecond(runner, settings.minSampleMs);
			samples.get(key)?.push(rate);
		}
	}

	const measurements = new Map<Key, Measurement>();
	for (const [key, values] of samples) {
		const middle = median(values);
		const spread = quantile(values, 0.75) - quantile(values, 0.25);
		measurements.set(key, {
			pointsPerSecond: middle,
			relativeSpread: spread / middle,
		});
	}
	return measurements;
}
