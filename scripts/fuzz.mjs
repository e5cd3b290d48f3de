// Fuzzes the block parser and the expression interpreter with as many random blocks as
// asked: `npm run fuzz -- --runs 100000 [--seed 7] [--jobs 2]`. Prints the count, the
// slowest block's time and its input, and every failure; exits 1 on any failure.
//
// Workers (tests/fuzz/run.ts) check slices of one seeded stream of blocks. A block that
// kills its worker (a native crash, an out-of-memory abort) is reported as a failure with
// its input, and a new worker resumes after it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
	options: {
		runs: { type: "string", default: "5000" },
		seed: { type: "string", default: String(Date.now() % 1_000_000) },
		jobs: { type: "string", default: "2" },
		list: { type: "string", default: "200" },
		help: { type: "boolean", default: false },
	},
});

if (values.help) {
	console.error("Usage: npm run fuzz -- [--runs N] [--seed S] [--jobs J] [--list L]");
	console.error("  --runs  number of random blocks to check (default 5000)");
	console.error("  --seed  seed of the block stream, to repeat a run (default: from the clock)");
	console.error("  --jobs  worker processes (default 2)");
	console.error("  --list  most failures to print in full (default 200); all are counted");
	process.exit(0);
}

const runs = Number(values.runs);
const seed = Number(values.seed);
const jobs = Number(values.jobs);
const listed = Number(values.list);
if (![runs, seed, jobs, listed].every((value) => Number.isInteger(value) && value >= 0) || jobs < 1) {
	console.error("--runs, --seed, --jobs and --list take whole numbers, and --jobs at least 1.");
	process.exit(1);
}

const folder = mkdtempSync(join(tmpdir(), "activation-fuzz-"));
const STDERR_TAIL = 600;

/** Runs one worker over [start, end) and resolves with its summary, or with how it died. */
function runWorker(start, end, progress) {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[
				"--import",
				"tsx",
				"tests/fuzz/run.ts",
				"--seed",
				String(seed),
				"--start",
				String(start),
				"--end",
				String(end),
				"--progress",
				progress,
			],
			{ stdio: ["ignore", "pipe", "pipe"] },
		);
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => (stdout += chunk));
		child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
		child.on("close", (code, signal) => {
			const last = stdout.trim().split("\n").pop() ?? "";
			if (code === 0 && last.startsWith("{")) {
				resolve({ summary: JSON.parse(last) });
			} else {
				resolve({ death: { code, signal, stderr: stderr.slice(-STDERR_TAIL) } });
			}
		});
	});
}

/** Checks blocks [start, end), starting a new worker after each block that kills one. */
async function runSlice(start, end, slot) {
	const total = { checked: 0, parsed: 0, slowest: null, failures: [] };
	const progress = join(folder, `progress-${slot}.json`);
	let next = start;
	while (next < end) {
		const result = await runWorker(next, end, progress);
		if (result.summary !== undefined) {
			merge(total, result.summary);
			break;
		}
		let current = { index: next, input: "" };
		try {
			current = JSON.parse(readFileSync(progress, "utf8"));
		} catch {
			// The worker died before it wrote its first block; blame the block it started at.
		}
		const { code, signal, stderr } = result.death;
		total.checked += 1;
		total.failures.push({
			index: current.index,
			problem: `the process died (exit code ${code}, signal ${signal}): ${stderr.trim()}`,
			input: current.input,
		});
		next = current.index + 1;
	}
	return total;
}

function merge(total, part) {
	total.checked += part.checked;
	total.parsed += part.parsed;
	if (part.slowest !== null && (total.slowest === null || part.slowest.milliseconds > total.slowest.milliseconds)) {
		total.slowest = part.slowest;
	}
	total.failures.push(...part.failures);
}

/** Shows an input in one line, with its line breaks and control characters escaped. */
function show(input) {
	const text = JSON.stringify(input);
	return text.length > 400 ? `${text.slice(0, 400)}... (${input.length} characters)` : text;
}

const started = Date.now();
const slices = [];
const size = Math.ceil(runs / jobs);
for (let slot = 0; slot < jobs; slot++) {
	const start = slot * size;
	const end = Math.min(runs, start + size);
	if (start < end) {
		slices.push(runSlice(start, end, slot));
	}
}
const total = { checked: 0, parsed: 0, slowest: null, failures: [] };
for (const part of await Promise.all(slices)) {
	merge(total, part);
}
rmSync(folder, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`Checked ${total.checked} blocks (seed ${seed}) in ${seconds} s: ${total.parsed} drew a chart, ${total.checked - total.parsed} an error.`);
if (total.slowest !== null) {
	console.log(`Slowest block: ${total.slowest.milliseconds.toFixed(1)} ms of CPU time to parse and sample, block #${total.slowest.index}:`);
	console.log(`  ${show(total.slowest.input)}`);
}
total.failures.sort((a, b) => a.index - b.index);
console.log(`Failures: ${total.failures.length}`);
for (const failure of total.failures.slice(0, listed)) {
	console.log(`- block #${failure.index}: ${failure.problem}`);
	console.log(`  input: ${show(failure.input)}`);
}
if (total.failures.length > listed) {
	console.log(`... and ${total.failures.length - listed} more; --list ${total.failures.length} prints them all.`);
}
process.exit(total.failures.length > 0 ? 1 : 0);
