// The benchmark's report: the JSON object that `--json` prints, the targets the
// kernel is held to, and the same figures as a plain-text or Markdown table.
import {
	BASELINE_NAMES,
	type BaselineName,
	type CaseResult,
} from "./throughput";
import type { SliderLatency } from "./slider-latency";

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	versions: Record<string, string>;
}

/** A required ratio of the kernel's points per second to one baseline's, on one case. */
export interface Target {
	case: string;
	baseline: BaselineName;
	minimumRatio: number;
	ratio: number;
	met: boolean;
}

export interface BenchReport {
	/** ISO 8601 time at which the run started. */
	date: string;
	command: string;
	machine: Machine;
	settings: Record<string, unknown>;
	durationSeconds: number;
	/**
	 * The operating system's 1-minute load average when the run started and ended:
	 * above the core count, other processes took CPU time from the contenders.
	 */
	loadAverage: { start: number; end: number };
	/** Empty when the throughput section did not run. */
	cases: CaseResult[];
	targets: Target[];
	/** Null when the section did not run or failed. */
	sliderLatency: SliderLatency | null;
	/** Sections that failed, in plain sentences; the exit status is 1 when there are any. */
	errors: string[];
}

/**
 * Minimum ratios of the kernel to a baseline: expressions at least 10 times
 * mathjs evaluate and half the hand-written closure, catalog functions at least
 * 0.8 times the closure, and every case faster than TensorFlow.js where tfjs
 * computes it.
 */
const MINIMUM_RATIOS: Record<
	CaseResult["kind"],
	Partial<Record<BaselineName, number>>
> = {
	expression: { mathjsEvaluate: 10, closure: 0.5, tfjs: 1 },
	catalog: { closure: 0.8, tfjs: 1 },
};

export function evaluateTargets(cases: readonly CaseResult[]): Target[] {
	const targets: Target[] = [];
	for (const result of cases) {
		for (const baseline of BASELINE_NAMES) {
			const minimumRatio = MINIMUM_RATIOS[result.kind][baseline];
			const ratio = result.ratios[baseline];
			if (minimumRatio === undefined || ratio === null) {
				continue;
			}
			targets.push({
				case: result.name,
				baseline,
				minimumRatio,
				ratio,
				met: ratio >= minimumRatio,
			});
		}
	}
	return targets;
}

const BASELINE_TITLES: Record<BaselineName, string> = {
	mathjsEvaluate: "mathjs evaluate",
	mathjsDerivative: "mathjs derivative",
	tfjs: "tfjs",
	closure: "closure",
};

/** Formats points per second in millions, for example "12.3 M". */
export function formatRate(pointsPerSecond: number): string {
	return `${(pointsPerSecond / 1e6).toPrecision(3)} M`;
}

export function formatRatio(ratio: number): string {
	if (ratio >= 100) {
		return `${ratio.toFixed(0)}×`;
	}
	if (ratio >= 10) {
		return `${ratio.toFixed(1)}×`;
	}
	return `${ratio.toFixed(2)}×`;
}

function formatBaselineCell(
	result: CaseResult,
	baseline: BaselineName,
): string {
	const pointsPerSecond = result.baselines[baseline];
	const ratio = result.ratios[baseline];
	if (pointsPerSecond === null || ratio === null) {
		return "n/a";
	}
	return `${formatRate(pointsPerSecond)} (${formatRatio(ratio)})`;
}

/** Rows of the main table: a header, then one row per case. */
function caseRows(
	report: BenchReport,
	formatName: (name: string) => string,
): string[][] {
	const header = [
		"case",
		"kind",
		"kernel",
		...BASELINE_NAMES.map((name) => BASELINE_TITLES[name]),
		"compile",
	];
	const rows = report.cases.map((result) => [
		formatName(result.name),
		result.kind,
		formatRate(result.pointsPerSecond),
		...BASELINE_NAMES.map((name) => formatBaselineCell(result, name)),
		`${result.compileMs.toPrecision(2)} ms`,
	]);
	return [header, ...rows];
}

function targetRows(
	report: BenchReport,
	formatName: (name: string) => string,
): string[][] {
	const header = ["case", "baseline", "required", "measured", "met"];
	const rows = report.targets.map((target) => [
		formatName(target.case),
		BASELINE_TITLES[target.baseline],
		`>= ${formatRatio(target.minimumRatio)}`,
		formatRatio(target.ratio),
		target.met ? "yes" : "NO",
	]);
	return [header, ...rows];
}

function noteLines(report: BenchReport): string[] {
	return report.cases.flatMap((result) =>
		result.notes.map((note) => `${result.name}: ${note}`),
	);
}

function sliderLine(report: BenchReport): string[] {
	const latency = report.sliderLatency;
	if (latency === null) {
		return [];
	}
	return [
		`Slider input to painted frame, two panels of ${latency.samples} points, ` +
			`${latency.inputs} input events from ${latency.drags} pointer moves: ` +
			`median ${latency.medianMs.toFixed(1)} ms, p95 ${latency.p95Ms.toFixed(1)} ms ` +
			`(the chart's redraw: median ${latency.redrawMedianMs.toFixed(1)} ms, ` +
			`p95 ${latency.redrawP95Ms.toFixed(1)} ms)`,
		"",
	];
}

function machineLine(report: BenchReport): string {
	const { machine } = report;
	return (
		`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, ` +
		`Node ${machine.node}; ${report.date}; ${report.durationSeconds.toFixed(0)} s; ` +
		`load average ${report.loadAverage.start.toFixed(1)} at the start, ` +
		`${report.loadAverage.end.toFixed(1)} at the end`
	);
}

function plainName(name: string): string {
	return name;
}

function codeName(name: string): string {
	return `\`${name}\``;
}

function padColumns(rows: readonly string[][]): string[] {
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, column) => {
			widths[column] = Math.max(widths[column] ?? 0, cell.length);
		});
	}
	return rows.map((row) =>
		row
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join("  ")
			.trimEnd(),
	);
}

function markdownTable(rows: readonly string[][]): string[] {
	const [header, ...body] = rows;
	if (header === undefined) {
		return [];
	}
	const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
	return [line(header), line(header.map(() => "---")), ...body.map(line)];
}

/** Returns a warning line for a --quick run, whose figures are too short to judge. */
function quickLine(report: BenchReport): string[] {
	return report.settings.quick === true
		? [
				"Quick run: one short round, so these figures are noise and say nothing about the targets; run without --quick to measure.",
				"",
			]
		: [];
}

/** Formats the report as aligned plain text, for a terminal. */
export function formatText(report: BenchReport): string {
	const lines = [
		...quickLine(report),
		"Value plus gradient, points per second (kernel / baseline in parentheses):",
		"",
		...padColumns(caseRows(report, plainName)),
		"",
		"Targets:",
		...padColumns(targetRows(report, plainName)),
		"",
		...noteLines(report),
		"",
		...sliderLine(report),
		machineLine(report),
	];
	return `${lines.join("\n")}\n`;
}

/** Formats the report as Markdown tables, for the benchmarks page of the docs. */
export function formatMarkdown(report: BenchReport): string {
	const lines = [
		...quickLine(report),
		...markdownTable(caseRows(report, codeName)),
		"",
		...markdownTable(targetRows(report, codeName)),
		"",
		...noteLines(report).map((note) => `- ${note}`),
		"",
		...sliderLine(report),
		machineLine(report),
	];
	return `${lines.join("\n")}\n`;
}
