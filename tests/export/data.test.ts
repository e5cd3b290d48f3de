import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateSpec, parseBlock } from "../../src/block";
import type { ActivationSpec } from "../../src/block/spec";
import { samplesText } from "../../src/chart/export/data";
import { parametersText } from "../../src/chart/export/parameters";

function specOf(body: string): ActivationSpec {
	const result = parseBlock(body);
	if (!result.ok) {
		throw new Error(
			`the test block is invalid: ${JSON.stringify(result.errors)}`,
		);
	}
	return result.spec;
}

function textOf(body: string, format: "csv" | "markdown"): string {
	return samplesText(evaluateSpec(specOf(body)), format);
}

void test("relu samples 3 as CSV", () => {
	const text = textOf("function: relu\nsamples: 3", "csv");
	const lines = text.split("\n");
	assert.equal(lines[0], "x,f(x),f'(x)");
	assert.equal(lines[1], "-8,0,0");
	assert.equal(lines[2], "0,0,0");
	assert.equal(lines[3], "8,8,1");
	assert.equal(lines[4], "");
	assert.equal(lines.length, 5);
});

void test("relu samples 3 as Markdown", () => {
	const text = textOf("function: relu\nsamples: 3", "markdown");
	const lines = text.split("\n");
	assert.equal(lines[0], "| x | f(x) | f'(x) |");
	assert.equal(lines[1], "| ---: | ---: | ---: |");
	assert.equal(lines[2], "| -8 | 0 | 0 |");
	assert.equal(lines[3], "| 0 | 0 | 0 |");
	assert.equal(lines[4], "| 8 | 8 | 1 |");
	assert.equal(lines.length, 6);
});

void test("several series name their columns", () => {
	const text = textOf(
		"function: [relu, sigmoid]\nsamples: 2\nx: [0, 1]",
		"csv",
	);
	const [header, first, second] = text.split("\n");
	assert.equal(header, "x,relu: f(x),relu: f'(x),sigmoid: f(x),sigmoid: f'(x)");
	assert.equal(first, "0,0,0,0.5,0.25");
	const sigmoid1 = 1 / (1 + Math.exp(-1));
	const cells = second?.split(",") ?? [];
	assert.equal(cells[0], "1");
	assert.equal(cells[1], "1");
	assert.equal(cells[2], "1");
	assert.ok(
		Math.abs(Number(cells[3]) - sigmoid1) < 1e-15,
		`sigmoid(1) is ${cells[3]}`,
	);
	assert.ok(
		Math.abs(Number(cells[4]) - sigmoid1 * (1 - sigmoid1)) < 1e-15,
		`sigmoid'(1) is ${cells[4]}`,
	);
});

void test("CSV quotes expression labels with commas", () => {
	const text = textOf('function: ["max(0, x)", relu]\nsamples: 2', "csv");
	const header = text.split("\n")[0];
	assert.equal(
		header,
		`x,"max(0, x): f(x)","max(0, x): f'(x)",relu: f(x),relu: f'(x)`,
	);
});

void test("Markdown escapes pipes, spells non-finite", () => {
	const sample = samplesText(
		{
			series: [
				{
					label: "a|b",
					sampled: {
						x: Float64Array.of(0),
						value: Float64Array.of(1),
						gradient: Float64Array.of(NaN),
						kinks: [],
						notes: [],
					},
				},
				{
					label: "c",
					sampled: {
						x: Float64Array.of(0),
						value: Float64Array.of(Infinity),
						gradient: Float64Array.of(-Infinity),
						kinks: [],
						notes: [],
					},
				},
			],
			marks: [],
			notes: [],
		},
		"markdown",
	);
	const lines = sample.split("\n");
	assert.equal(
		lines[0],
		"| x | a\\|b: f(x) | a\\|b: f'(x) | c: f(x) | c: f'(x) |",
	);
	assert.equal(lines[2], "| 0 | 1 | NaN | Infinity | -Infinity |");
});

void test("CSV round-trips float64 values", () => {
	const text = textOf("function: gelu\nsamples: 7\nx: [-3, 3]", "csv");
	const samples = evaluateSpec(
		specOf("function: gelu\nsamples: 7\nx: [-3, 3]"),
	);
	const series = samples.series[0];
	assert.ok(series !== undefined);
	const rows = text.trim().split("\n").slice(1);
	assert.equal(rows.length, 7);
	rows.forEach((row, index) => {
		const [x, value, gradient] = row.split(",").map(Number);
		assert.equal(x, series.sampled.x[index]);
		assert.equal(value, series.sampled.value[index]);
		assert.equal(gradient, series.sampled.gradient[index]);
	});
});

void test("parameter text lists set values", () => {
	const spec = specOf(
		"function: [prelu, swish]\nparams:\n  alpha: 0.25\n  beta: {value: 1.5, min: 0, max: 4}",
	);
	assert.equal(parametersText(spec), "alpha = 0.25, beta = 1.5");
	assert.equal(parametersText(spec, { beta: 2 }), "alpha = 0.25, beta = 2");
	assert.equal(parametersText(specOf("relu")), "");
	assert.equal(parametersText(specOf("elu")), "");
	assert.equal(parametersText(specOf("elu"), { alpha: 0.5 }), "alpha = 0.5");
});
