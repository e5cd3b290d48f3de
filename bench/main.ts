// Entry point of `npm run bench`. scripts/bench.mjs bundles it with the kernel
// and runs the bundle. Each section measures one part of the product and adds its
// fields to one report.
import * as tf from "@tensorflow/tfjs";
import { version as mathjsVersion } from "mathjs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { BENCH_CASES, type BenchCase } from "./cases";
import {
	FULL_SETTINGS,
	FULL_SLIDER_SETTINGS,
	QUICK_SETTINGS,
	QUICK_SLIDER_SETTINGS,
	USAGE,
	parseOptions,
	type BenchOptions,
} from "./options";
import {
	evaluateTargets,
	formatMarkdown,
	formatText,
	type BenchReport,
	type Machine,
} from "./report";
import { useTfjsCpuBackend } from "./runners";
import type { SliderLatency } from "./slider-latency";
import {
	benchmarkCase,
	type CaseResult,
	type ThroughputSettings,
} from "./throughput";

function describeMachine(): Machine {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model.trim() ?? "unknown",
		cores: cpus.length,
		memoryGiB: Math.round(os.totalmem() / 2 ** 29) / 2,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		versions: { mathjs: mathjsVersion, tfjs: tf.version_core },
	};
}

function selectCases(filters: readonly string[]): BenchCase[] {
	const selected = BENCH_CASES.filter(
		(benchCase) =>
			filters.length === 0 ||
			filters.some((filter) => benchCase.source.includes(filter)),
	);
	if (selected.length === 0) {
		throw new RangeError(`No benchmark case matches ${filters.join(", ")}.`);
	}
	return selected;
}

/** Measures the kernel's throughput on every selected case, logging progress to stderr. */
async function runThroughputSection(
	cases: readonly BenchCase[],
	settings: ThroughputSettings,
): Promise<CaseResult[]> {
	await useTfjsCpuBackend();
	const results: CaseResult[] = [];
	for (const [index, benchCase] of cases.entries()) {
		process.stderr.write(
			`[${index + 1}/${cases.length}] ${benchCase.source}\n`,
		);
		results.push(benchmarkCase(benchCase, settings));
	}
	return results;
}

/**
 * Measures the slider latency, or returns null after adding the failure to
 * `errors`, so that a broken chart does not discard the throughput figures.
 */
async function runSliderSection(
	quick: boolean,
	errors: string[],
): Promise<SliderLatency | null> {
	process.stderr.write("slider latency in headless Chromium\n");
	try {
		// Imported here so that runs without this section never load
		// playwright-core.
		const { measureSliderLatency } = await import("./slider-latency");
		return await measureSliderLatency(
			quick ? QUICK_SLIDER_SETTINGS : FULL_SLIDER_SETTINGS,
		);
	} catch (error) {
		const firstLine = (error as Error).message.split("\n")[0] ?? "";
		errors.push(`slider latency failed: ${firstLine}`);
		return null;
	}
}

async function run(options: BenchOptions): Promise<BenchReport> {
	const start = performance.now();
	const date = new Date().toISOString();
	const loadAtStart = os.loadavg()[0] ?? Number.NaN;
	const settings = options.quick ? QUICK_SETTINGS : FULL_SETTINGS;
	const errors: string[] = [];

	let cases: CaseResult[] = [];
	if (options.sections.includes("throughput")) {
		cases = await runThroughputSection(
			selectCases(options.caseFilters),
			settings,
		);
	}
	let sliderLatency: SliderLatency | null = null;
	if (options.sections.includes("slider-latency")) {
		sliderLatency = await runSliderSection(options.quick, errors);
	}

	return {
		date,
		command: ["npm run bench --", ...process.argv.slice(2)].join(" "),
		machine: describeMachine(),
		settings: { ...settings, quick: options.quick, sections: options.sections },
		durationSeconds: (performance.now() - start) / 1000,
		loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? Number.NaN },
		cases,
		targets: evaluateTargets(cases),
		sliderLatency,
		errors,
	};
}

function printReport(
	report: BenchReport,
	format: BenchOptions["format"],
): void {
	if (format === "json") {
		process.stdout.write(`${JSON.stringify(report, null, "\t")}\n`);
	} else if (format === "markdown") {
		process.stdout.write(formatMarkdown(report));
	} else {
		process.stdout.write(formatText(report));
	}
}

async function main(): Promise<number> {
	let options: BenchOptions;
	try {
		options = parseOptions(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
		return 1;
	}
	if (options.help) {
		process.stdout.write(USAGE);
		return 0;
	}

	const report = await run(options);
	printReport(report, options.format);
	for (const error of report.errors) {
		process.stderr.write(`${error}\n`);
	}
	return report.errors.length === 0 ? 0 : 1;
}

main().then(
	(status) => {
		process.exitCode = status;
	},
	(error: unknown) => {
		process.stderr.write(
			`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`,
		);
		process.exitCode = 1;
	},
);
