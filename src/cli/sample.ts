import { evaluateSpec, type SpecSamples } from "../block/evaluate";
import { parseBlock } from "../block/parse";
import { DEFAULT_BLOCK_DEFAULTS, formatBlockError } from "../block/spec";

/** The streams and file access `sample` uses; `process.stdin` and `process.stdout` fit. */
export interface SampleIo {
	stdin: AsyncIterable<string | Uint8Array>;
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
	readFile: (path: string) => Promise<string>;
}

const SAMPLE_USAGE =
	"usage: activation-charts sample FILE|-  (- reads the block body from stdin)";

async function readAll(
	stream: AsyncIterable<string | Uint8Array>,
): Promise<string> {
	const decoder = new TextDecoder();
	let text = "";
	for await (const chunk of stream) {
		text +=
			typeof chunk === "string"
				? chunk
				: decoder.decode(chunk, { stream: true });
	}
	return text + decoder.decode();
}

/** A fence line around a pasted block, such as ```activation or ~~~activation. */
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*activation\s*$/;

/**
 * Returns the body of a block: the text itself, or the lines between the fences when
 * the input is the whole fenced block as it appears in a note.
 */
export function stripFence(text: string): string {
	const lines = text.split(/\r?\n/);
	const first = lines.findIndex((line) => line.trim() !== "");
	const fence = FENCE_OPEN.exec(lines[first] ?? "")?.[1];
	if (fence === undefined) {
		return text;
	}
	const rest = lines.slice(first + 1);
	const close = rest.findIndex((line) => line.trim().startsWith(fence));
	return (close === -1 ? rest : rest.slice(0, close)).join("\n");
}

/** Converts a number for JSON, where non-finite numbers become null. */
function finiteOrNull(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

function numbers(values: Float64Array): (number | null)[] {
	return Array.from(values, finiteOrNull);
}

/** Builds the JSON object that `sample` prints, keys in the documented order. */
export function sampleJson(samples: SpecSamples): unknown {
	return {
		series: samples.series.map((series) => ({
			label: series.label,
			function: series.function,
			params: series.params,
			x: numbers(series.sampled.x),
			value: numbers(series.sampled.value),
			gradient: numbers(series.sampled.gradient),
			kinks: series.sampled.kinks.map((kink) => ({
				x: finiteOrNull(kink.x),
				value: finiteOrNull(kink.value),
				valueLeft: finiteOrNull(kink.valueLeft),
				valueRight: finiteOrNull(kink.valueRight),
				gradient: finiteOrNull(kink.gradient),
				gradientLeft: finiteOrNull(kink.gradientLeft),
				gradientRight: finiteOrNull(kink.gradientRight),
			})),
		})),
		marks: samples.marks.map((mark) => ({
			label: mark.label,
			x: finiteOrNull(mark.x),
			value: finiteOrNull(mark.value),
			gradient: finiteOrNull(mark.gradient),
		})),
		notes: samples.notes,
	};
}

/**
 * Runs `activation-charts sample FILE|-` with the arguments after `sample`: prints one
 * JSON object with every series, mark and note of the block. Returns the exit status:
 * 0 for a chart, 2 for a bad block (each error as `line N: ...` on stderr), 1 for a
 * usage or file error.
 */
export async function runSample(args: string[], io: SampleIo): Promise<number> {
	const [path, ...extra] = args;
	if (
		path === undefined ||
		extra.length > 0 ||
		(path.startsWith("-") && path !== "-")
	) {
		const problem =
			path === undefined
				? "missing FILE"
				: `unexpected argument '${extra[0] ?? path}'`;
		io.stderr.write(`activation-charts: ${problem}; ${SAMPLE_USAGE}\n`);
		return 1;
	}

	let text: string;
	try {
		text = path === "-" ? await readAll(io.stdin) : await io.readFile(path);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		io.stderr.write(
			`activation-charts: cannot read ${path === "-" ? "stdin" : path}: ${reason}\n`,
		);
		return 1;
	}

	const result = parseBlock(stripFence(text), DEFAULT_BLOCK_DEFAULTS);
	if (!result.ok) {
		for (const error of result.errors) {
			io.stderr.write(`${formatBlockError(error)}\n`);
		}
		return 2;
	}

	io.stdout.write(`${JSON.stringify(sampleJson(evaluateSpec(result.spec)))}\n`);
	return 0;
}
