// Command-line options of `npm run bench` and the measurement settings they
// select.
import { parseArgs } from "node:util";
import type { SliderLatencySettings } from "./slider-latency";
import type { ThroughputSettings } from "./throughput";

export const SECTIONS = ["throughput", "slider-latency"] as const;
export type Section = (typeof SECTIONS)[number];

export const USAGE = `Usage: npm run --silent bench -- [--json | --markdown] [--quick] [--case TEXT ...]
                                  [--section throughput|slider-latency ...]

Measures the kernel's value plus gradient throughput against mathjs, TensorFlow.js and
hand-written JavaScript in one process, then the chart's slider latency in headless
Chromium.

  --json          print one JSON object on stdout and nothing else (progress goes to stderr)
  --markdown      print the tables in Markdown, as on the benchmarks page of the docs
  --quick         a grid of 2,000 points, one round and 10 slider pointer moves, to check that
                  the benchmark runs
  --case TEXT     run only the throughput cases whose name contains TEXT; repeatable
  --section NAME  run only this section (throughput or slider-latency); repeatable
  --help          print this help
`;

export interface BenchOptions {
	format: "text" | "json" | "markdown";
	quick: boolean;
	/** Case name fragments; empty selects every case. */
	caseFilters: string[];
	sections: Section[];
	help: boolean;
}

/** Parses the arguments, throwing a TypeError that names an unknown or invalid option. */
export function parseOptions(args: readonly string[]): BenchOptions {
	const { values } = parseArgs({
		args: [...args],
		options: {
			json: { type: "boolean", default: false },
			markdown: { type: "boolean", default: false },
			quick: { type: "boolean", default: false },
			case: { type: "string", multiple: true, default: [] },
			section: { type: "string", multiple: true, default: [] },
			help: { type: "boolean", default: false },
		},
		strict: true,
		allowPositionals: false,
	});
	if (values.json && values.markdown) {
		throw new TypeError(
			"--json and --markdown cannot be combined; choose one output format.",
		);
	}
	let format: BenchOptions["format"] = "text";
	if (values.json) {
		format = "json";
	} else if (values.markdown) {
		format = "markdown";
	}
	return {
		format,
		quick: values.quick,
		caseFilters: values.case,
		sections: parseSections(values.section),
		help: values.help,
	};
}

function isSection(name: string): name is Section {
	return (SECTIONS as readonly string[]).includes(name);
}

/** Returns the named sections in the order they run; no names selects every section. */
function parseSections(names: readonly string[]): Section[] {
	for (const name of names) {
		if (!isSection(name)) {
			throw new TypeError(
				`Unknown section '${name}'; use ${SECTIONS.join(" or ")}.`,
			);
		}
	}
	return SECTIONS.filter(
		(section) => names.length === 0 || names.includes(section),
	);
}

/**
 * Settings for a full run: each median is over 11 samples of at least 80 ms per
 * contender. The eight cases took 56 to 86 s on the 2-core machine that
 * docs/benchmarks.md describes, depending on its load.
 */
export const FULL_SETTINGS: ThroughputSettings = {
	domain: [-8, 8],
	gridPoints: 100_000,
	mathjsGridPoints: 10_000,
	rounds: 11,
	warmupMs: 200,
	minSampleMs: 80,
	compileSamples: 7,
	compileSampleMs: 20,
};

/**
 * Settings for `--quick`: one call per contender on a small grid, which checks
 * that everything runs and fits together in seconds but measures mostly noise.
 */
export const QUICK_SETTINGS: ThroughputSettings = {
	domain: [-8, 8],
	gridPoints: 2_000,
	mathjsGridPoints: 200,
	rounds: 1,
	warmupMs: 0,
	minSampleMs: 0,
	compileSamples: 1,
	compileSampleMs: 0,
};

/** Two panels of 1,000 points, as a block with `samples: 1000` draws them. */
export const FULL_SLIDER_SETTINGS: SliderLatencySettings = {
	samples: 1_000,
	drags: 400,
};

export const QUICK_SLIDER_SETTINGS: SliderLatencySettings = {
	samples: 1_000,
	drags: 10,
};
