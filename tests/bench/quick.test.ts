import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const BASELINE_NAMES = [
	"mathjsEvaluate",
	"mathjsDerivative",
	"tfjs",
	"closure",
];

/** The fields of the bench's JSON that these tests read, unchecked until they do. */
interface QuickReport {
	date: unknown;
	machine: Record<string, unknown>;
	cases: {
		name: unknown;
		kind: unknown;
		pointsPerSecond: unknown;
		baselines: Record<string, unknown>;
	}[];
	sliderLatency: Record<string, unknown> | null;
}

// One quick run (a grid of 2,000 points, one round, 10 slider drags) shared by
// every test below. The 120-s timeout only guards against a hang.
const run = spawnSync(
	"npm",
	["run", "--silent", "bench", "--", "--json", "--quick"],
	{
		encoding: "utf8",
		timeout: 120_000,
	},
);

function parseReport(): QuickReport {
	assert.equal(
		run.status,
		0,
		`bench exited with ${run.status}; stderr:\n${run.stderr}`,
	);
	return JSON.parse(run.stdout) as QuickReport;
}

function assertPositiveFinite(value: unknown, what: string): void {
	assert.equal(
		typeof value,
		"number",
		`${what} is ${String(value)}, not a number`,
	);
	assert.ok(Number.isFinite(value), `${what} is ${String(value)}, not finite`);
	assert.ok((value as number) > 0, `${what} is ${String(value)}, not positive`);
}

void test("quick bench prints one JSON object", () => {
	assert.equal(
		run.status,
		0,
		`bench exited with ${run.status}; stderr:\n${run.stderr}`,
	);
	assert.doesNotThrow(
		() => JSON.parse(run.stdout),
		`stdout is not one JSON object:\n${run.stdout}`,
	);
});

void test("quick bench lists every case", () => {
	const report = parseReport();
	const kinds = report.cases.map((benchCase) => benchCase.kind);
	assert.equal(report.cases.length, 8);
	assert.equal(kinds.filter((kind) => kind === "catalog").length, 4);
	assert.equal(kinds.filter((kind) => kind === "expression").length, 4);
	for (const benchCase of report.cases) {
		assert.equal(typeof benchCase.name, "string");
		assert.deepEqual(
			Object.keys(benchCase.baselines).sort(),
			[...BASELINE_NAMES].sort(),
		);
	}
});

void test("quick bench rates are positive finite", () => {
	const report = parseReport();
	for (const benchCase of report.cases) {
		const name = String(benchCase.name);
		assertPositiveFinite(benchCase.pointsPerSecond, `${name} pointsPerSecond`);
		for (const baseline of BASELINE_NAMES) {
			const rate = benchCase.baselines[baseline];
			if (rate !== null) {
				assertPositiveFinite(rate, `${name} baselines.${baseline}`);
			}
		}
	}
});

void test("quick bench nulls only absent baselines", () => {
	const report = parseReport();
	const byName = new Map(
		report.cases.map((benchCase) => [benchCase.name, benchCase]),
	);
	for (const benchCase of report.cases) {
		const name = String(benchCase.name);
		assert.notEqual(benchCase.baselines.closure, null, `${name} closure`);
		assert.notEqual(
			benchCase.baselines.mathjsEvaluate,
			null,
			`${name} mathjsEvaluate`,
		);
		assert.notEqual(benchCase.baselines.tfjs, null, `${name} tfjs`);
	}
	// mathjs's derivative rejects max, min, erf and conditionals, and accepts
	// exp.
	assert.equal(byName.get("relu")?.baselines.mathjsDerivative, null);
	assert.equal(byName.get("gelu")?.baselines.mathjsDerivative, null);
	assert.notEqual(byName.get("sigmoid")?.baselines.mathjsDerivative, null);
	assert.notEqual(byName.get("swish")?.baselines.mathjsDerivative, null);
});

void test("quick bench measures slider latency", () => {
	const latency = parseReport().sliderLatency;
	assert.ok(latency !== null, "sliderLatency is null");
	assertPositiveFinite(latency.medianMs, "sliderLatency.medianMs");
	assertPositiveFinite(latency.p95Ms, "sliderLatency.p95Ms");
	assert.ok(
		(latency.p95Ms as number) >= (latency.medianMs as number),
		`p95 ${String(latency.p95Ms)} ms is below the median ${String(latency.medianMs)} ms`,
	);
	assertPositiveFinite(latency.redrawMedianMs, "sliderLatency.redrawMedianMs");
	// The redraw runs inside the frame that the latency waits for.
	assert.ok(
		(latency.redrawMedianMs as number) <= (latency.p95Ms as number),
		`the median redraw ${String(latency.redrawMedianMs)} ms is longer than the p95 latency ${String(latency.p95Ms)} ms`,
	);
	assertPositiveFinite(latency.inputs, "sliderLatency.inputs");
});

void test("quick bench describes the machine", () => {
	const report = parseReport();
	assert.equal(typeof report.machine.cpu, "string");
	assertPositiveFinite(report.machine.cores, "machine.cores");
	assert.equal(report.machine.node, process.version);
	assert.ok(
		!Number.isNaN(Date.parse(String(report.date))),
		`date ${String(report.date)}`,
	);
});
