/**
 * Values that are not finite (overflow, logarithms of negative numbers, 0/0) stay gaps:
 * the kernel keeps them NaN or Infinity and says where they are, and the chart leaves a
 * gap with a finite y axis and shows the note.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { evaluateSpec, parseBlock, type SpecSamples } from "../../src/block";
import { launchChromium, outputPath } from "../helpers/browser";
import { mountAndInspect, openFuzzPage } from "./browser-page";

function samplesOf(body: string): SpecSamples {
	const result = parseBlock(body);
	if (!result.ok) {
		assert.fail(
			`expected a chart for ${body}, got ${JSON.stringify(result.errors)}`,
		);
	}
	return evaluateSpec(result.spec);
}

test("overflow of exp is a gap", () => {
	const samples = samplesOf("function: exp(1000*x)\nx: [-1, 1]\nsamples: 201");
	const sampled = samples.series[0]?.sampled;
	assert.ok(sampled !== undefined);
	// exp overflows above x = ln(Number.MAX_VALUE) / 1000 = 0.70978...
	sampled.x.forEach((x, index) => {
		const value = sampled.value[index] as number;
		if (x <= 0.7) {
			assert.ok(Number.isFinite(value), `exp(1000 * ${x}) is ${value}`);
		} else {
			assert.equal(value, Infinity, `exp(1000 * ${x}) is ${value}`);
		}
	});
	assert.ok(
		samples.notes.some((note) => note.includes("0.71") && note.includes("1]")),
		`no note says the gap runs from 0.71 to 1: ${JSON.stringify(samples.notes)}`,
	);
});

test("log of negative x is a gap", () => {
	const samples = samplesOf("function: log(x)\nx: [-2, 2]\nsamples: 5");
	const sampled = samples.series[0]?.sampled;
	assert.ok(sampled !== undefined);
	assert.ok(Number.isNaN(sampled.value[0]));
	assert.ok(Number.isNaN(sampled.value[1]));
	assert.equal(sampled.value[2], -Infinity);
	assert.equal(sampled.value[3], 0);
	assert.equal(sampled.gradient[4], 0.5);
	assert.ok(
		samples.notes.some((note) => note.includes("-2") && note.includes("0]")),
		`no note says the gap runs from -2 to 0: ${JSON.stringify(samples.notes)}`,
	);
});

test("zero over zero is a gap", () => {
	const samples = samplesOf("function: x / x\nx: [-1, 1]\nsamples: 3");
	const sampled = samples.series[0]?.sampled;
	assert.ok(sampled !== undefined);
	assert.equal(sampled.value[0], 1);
	assert.ok(Number.isNaN(sampled.value[1]), `0/0 is ${sampled.value[1]}`);
	assert.equal(sampled.value[2], 1);
	assert.ok(
		samples.notes.some((note) => note.includes("x = 0")),
		`no note names x = 0: ${JSON.stringify(samples.notes)}`,
	);
});

test("infinite gradient gets a note", () => {
	const samples = samplesOf("function: sqrt(x)\nx: [0, 4]\nsamples: 5");
	const sampled = samples.series[0]?.sampled;
	assert.ok(sampled !== undefined);
	assert.equal(sampled.value[0], 0);
	assert.equal(sampled.gradient[0], Infinity);
	assert.ok(
		samples.notes.some(
			(note) => /gradient/.test(note) && note.includes("x = 0"),
		),
		`no note on the gradient at x = 0: ${JSON.stringify(samples.notes)}`,
	);
});

test("many gaps keep notes short", () => {
	const samples = samplesOf("function: log(sin(1000*x))\nsamples: 100000");
	const length = samples.notes.join(" ").length;
	assert.ok(samples.notes.length > 0, "no note on the gaps");
	assert.ok(length < 1000, `the notes run to ${length} characters`);
});

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

/** Blocks whose values overflow, are undefined or divide by zero somewhere in the domain. */
const GAP_BLOCKS = [
	"function: exp(1000*x)\nx: [-1, 1]\ntitle: exp(1000x) overflows",
	"function: log(x)\nx: [-2, 2]\ntitle: log of negative x",
	"function: x / x\nx: [-1, 1]\nsamples: 201\ntitle: 0/0 at x = 0",
	"function: [exp(1000*x), relu]\nx: [-1, 1]\nlayout: overlay\ntitle: overlay with a gap",
	"function: exp(x^2)\nx: [-30, 30]\ntitle: exp(x^2) overflows at both ends",
];

test("gaps keep y axes finite", async () => {
	const { page, errors } = await openFuzzPage(browser, 900, 2000);
	const blocks = await mountAndInspect(page, GAP_BLOCKS, true);
	await page.screenshot({
		path: outputPath("fuzz-non-finite-gaps.png"),
		fullPage: true,
	});
	blocks.forEach((block, index) => {
		const source = GAP_BLOCKS[index];
		assert.equal(block.error, null, `${source}: ${block.error}`);
		assert.ok(block.canvases > 0, `${source}: no canvas`);
		assert.ok(block.axes.length > 0, `${source}: no y axis`);
		for (const axis of block.axes) {
			assert.ok(
				Number.isFinite(axis.min) && Number.isFinite(axis.max),
				`${source}: ${axis.id} runs from ${axis.min} to ${axis.max}`,
			);
			assert.ok(
				axis.min < axis.max,
				`${source}: ${axis.id} runs from ${axis.min} to ${axis.max}`,
			);
			assert.ok(
				axis.ticks.length >= 2,
				`${source}: ${axis.id} has ticks ${JSON.stringify(axis.ticks)}`,
			);
			for (const tick of axis.ticks) {
				assert.doesNotMatch(
					tick,
					/NaN|Infinity|∞/,
					`${source}: ${axis.id} tick ${tick}`,
				);
			}
			assert.equal(
				new Set(axis.ticks).size,
				axis.ticks.length,
				`${source}: ${axis.id} repeats tick labels ${JSON.stringify(axis.ticks)}`,
			);
		}
		assert.match(
			block.notes,
			/not finite/,
			`${source}: the chart shows no note on the gap`,
		);
		// No two functions of these blocks have gaps in the same place, so every phrase is distinct.
		const phrases =
			block.notes.match(/(value|gradient) not finite for [^a-z]*/g) ?? [];
		assert.equal(
			new Set(phrases).size,
			phrases.length,
			`${source}: the chart repeats a note: ${block.notes}`,
		);
	});
	assert.deepEqual(errors, []);
	await page.close();
});
