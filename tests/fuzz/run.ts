/**
 * Fuzz worker for scripts/fuzz.mjs: checks blocks `start` to `end - 1` of a seeded stream
 * of random blocks and prints a JSON summary as its last line on stdout. Before each block
 * it writes the block's index and text to the progress file, so that the parent can name
 * the input when a block kills the process.
 *
 *     node --import tsx tests/fuzz/run.ts --seed 1 --start 0 --end 1000 --progress FILE
 */
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { anyBlock } from "./arbitraries";
import { checkBlock } from "./check";

/** Blocks generated per fast-check sample call; block i is item i % CHUNK of chunk i / CHUNK. */
export const CHUNK = 500;

export interface Failure {
	index: number;
	problem: string;
	input: string;
}

export interface Summary {
	checked: number;
	parsed: number;
	slowest: { index: number; milliseconds: number; input: string } | null;
	failures: Failure[];
}

/** Returns block `index` of the stream for `seed`: the same text on every run. */
export function blockAt(
	seed: number,
	index: number,
	cache: Map<number, string[]>,
): string {
	const chunk = Math.floor(index / CHUNK);
	let blocks = cache.get(chunk);
	if (blocks === undefined) {
		cache.clear();
		blocks = fc.sample(anyBlock, {
			seed: seed * 100_003 + chunk,
			numRuns: CHUNK,
		});
		cache.set(chunk, blocks);
	}
	return blocks[index % CHUNK] ?? "";
}

function run(
	seed: number,
	start: number,
	end: number,
	progress: string | undefined,
): Summary {
	const summary: Summary = {
		checked: 0,
		parsed: 0,
		slowest: null,
		failures: [],
	};
	const cache = new Map<number, string[]>();
	for (let index = start; index < end; index++) {
		const input = blockAt(seed, index, cache);
		if (progress !== undefined) {
			writeFileSync(progress, JSON.stringify({ index, input }));
		}
		const outcome = checkBlock(input);
		summary.checked += 1;
		summary.parsed += outcome.ok ? 1 : 0;
		if (
			summary.slowest === null ||
			outcome.milliseconds > summary.slowest.milliseconds
		) {
			summary.slowest = { index, milliseconds: outcome.milliseconds, input };
		}
		if (outcome.problem !== null) {
			summary.failures.push({ index, problem: outcome.problem, input });
		}
	}
	return summary;
}

const isMain = process.argv[1]?.endsWith("run.ts") === true;
if (isMain) {
	const { values } = parseArgs({
		options: {
			seed: { type: "string", default: "1" },
			start: { type: "string", default: "0" },
			end: { type: "string", default: "1000" },
			progress: { type: "string" },
		},
	});
	const summary = run(
		Number(values.seed),
		Number(values.start),
		Number(values.end),
		values.progress,
	);
	process.stdout.write(`${JSON.stringify(summary)}\n`);
}
