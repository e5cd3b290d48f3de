import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { runSample, type SampleIo } from "../../src/cli/sample";

interface FakeRun {
	status: number;
	stdout: string;
	stderr: string;
}

async function run(
	args: string[],
	files: Record<string, string> = {},
	stdin = "",
): Promise<FakeRun> {
	let stdout = "";
	let stderr = "";
	const io: SampleIo = {
		stdin: Readable.from([Buffer.from(stdin)]),
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		readFile: (path: string) => {
			const text = files[path];
			if (text === undefined) {
				return Promise.reject(
					new Error(`ENOENT: no such file or directory, open '${path}'`),
				);
			}
			return Promise.resolve(text);
		},
	};
	const status = await runSample(args, io);
	return { status, stdout, stderr };
}

describe("runSample", () => {
	it("relu prints documented json", async () => {
		const result = await run(["relu.txt"], {
			"relu.txt": "function: relu\nsamples: 3\nat: [0]\n",
		});
		assert.equal(result.status, 0);
		assert.equal(result.stderr, "");
		assert.equal(
			result.stdout.trim().split("\n").length,
			1,
			"one line of JSON",
		);
		assert.deepEqual(JSON.parse(result.stdout), {
			series: [
				{
					label: "relu",
					function: "relu",
					params: {},
					x: [-8, 0, 8],
					value: [0, 0, 8],
					gradient: [0, 0, 1],
					kinks: [
						{
							x: 0,
							value: 0,
							valueLeft: 0,
							valueRight: 0,
							gradient: 0,
							gradientLeft: 0,
							gradientRight: 1,
						},
					],
				},
			],
			marks: [{ label: "relu", x: 0, value: 0, gradient: 0 }],
			notes: [],
		});
	});

	it("reads stdin for dash", async () => {
		const result = await run(
			["-"],
			{},
			"function: leaky_relu\nparams: {negative_slope: 0.2}\nsamples: 2\nx: [-5, 5]",
		);
		assert.equal(result.status, 0);
		const output = JSON.parse(result.stdout) as {
			series: { params: unknown; value: unknown }[];
		};
		assert.deepEqual(output.series[0]?.params, { negative_slope: 0.2 });
		assert.deepEqual(output.series[0]?.value, [-1, 5]);
	});

	it("accepts fenced block", async () => {
		const result = await run(
			["-"],
			{},
			"```activation\nfunction: relu\nsamples: 2\n```\n",
		);
		assert.equal(result.status, 0);
		assert.deepEqual(
			(JSON.parse(result.stdout) as { series: { x: unknown }[] }).series[0]?.x,
			[-8, 8],
		);
	});

	it("non-finite values become null", async () => {
		const result = await run(
			["-"],
			{},
			"function: log(x)\nsamples: 3\nx: [-1, 1]",
		);
		assert.equal(result.status, 0);
		const output = JSON.parse(result.stdout) as {
			series: { value: (number | null)[] }[];
			notes: string[];
		};
		assert.equal(output.series[0]?.value[0], null);
		assert.equal(output.series[0]?.value[2], 0);
		assert.ok(output.notes.length > 0);
	});

	it("bad block exits two", async () => {
		const result = await run(
			["-"],
			{},
			"function: relu\nsample: 3\nx: [6, -6]",
		);
		assert.equal(result.status, 2);
		assert.equal(result.stdout, "");
		const lines = result.stderr.trim().split("\n");
		assert.equal(lines.length, 2);
		assert.match(
			lines[0] ?? "",
			/^line 2: unknown key 'sample'; did you mean 'samples'\?/,
		);
		assert.match(lines[1] ?? "", /^line 3: /);
	});

	it("missing file exits one", async () => {
		const result = await run(["nope.txt"]);
		assert.equal(result.status, 1);
		assert.equal(result.stdout, "");
		assert.match(result.stderr, /cannot read nope\.txt/);
	});

	it("missing argument exits one", async () => {
		const result = await run([]);
		assert.equal(result.status, 1);
		assert.match(result.stderr, /missing FILE/);
	});

	it("extra argument exits one", async () => {
		const result = await run(["a.txt", "b.txt"], { "a.txt": "relu" });
		assert.equal(result.status, 1);
		assert.match(result.stderr, /unexpected argument 'b\.txt'/);
	});
});
