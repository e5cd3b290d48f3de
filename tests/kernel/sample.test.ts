import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	compileActivation,
	KernelError,
	linspace,
	MAX_SAMPLES,
	sampleActivation,
} from "../../src/kernel/index";

describe("linspace", () => {
	it("includes both ends exactly", () => {
		const x = linspace(-8, 8, 401);
		assert.equal(x.length, 401);
		assert.equal(x[0], -8);
		assert.equal(x[200], 0);
		assert.equal(x[400], 8);
	});

	it("spaces points evenly", () => {
		const x = linspace(0, 1, 11);
		x.forEach((xi, i) => assert.ok(Math.abs(xi - i / 10) <= 1e-16));
		for (let i = 1; i < x.length; i++) {
			assert.ok((x[i] as number) > (x[i - 1] as number));
		}
	});

	it("two samples are the ends", () => {
		assert.deepEqual([...linspace(-1.5, 2.25, 2)], [-1.5, 2.25]);
	});

	it("rejects bad domains", () => {
		for (const [a, b] of [
			[1, 1],
			[2, 1],
			[NaN, 1],
			[0, Infinity],
		] as [number, number][]) {
			assert.throws(() => linspace(a, b, 10), KernelError, `[${a}, ${b}]`);
		}
	});
});

describe("sample limits", () => {
	const relu = compileActivation("relu");

	for (const samples of [1, 0, -5, 100_001, NaN, 2.5, Infinity]) {
		it(`rejects ${samples} samples`, () => {
			assert.throws(
				() => sampleActivation(relu, {}, [-8, 8], samples),
				(error: unknown) =>
					error instanceof KernelError &&
					error.message.includes(
						"samples must be a whole number from 2 to 100,000",
					) &&
					error.message.includes(String(samples)),
			);
		});
	}

	it("accepts the maximum grid", () => {
		assert.equal(MAX_SAMPLES, 100_000);
		const sampled = sampleActivation(relu, {}, [-8, 8], MAX_SAMPLES);
		assert.equal(sampled.x.length, MAX_SAMPLES);
		assert.equal(sampled.value[MAX_SAMPLES - 1], 8);
		assert.equal(sampled.gradient[0], 0);
	});

	it("maximum grid for expressions", () => {
		const activation = compileActivation(
			"x > 0 ? x * sigmoid(x) : abs(sin(x))",
		);
		const sampled = sampleActivation(activation, {}, [-8, 8], MAX_SAMPLES);
		assert.equal(sampled.value.length, MAX_SAMPLES);
		assert.ok(sampled.kinks.length >= 2);
	});

	it("accepts two samples", () => {
		const sampled = sampleActivation(relu, {}, [-1, 1], 2);
		assert.deepEqual([...sampled.value], [0, 1]);
		assert.equal(sampled.kinks.length, 1);
	});
});

describe("sample notes", () => {
	it("reports non-finite value runs", () => {
		const activation = compileActivation("log(x)");
		const sampled = sampleActivation(activation, {}, [-8, 8], 11);
		assert.deepEqual(sampled.notes, [
			"log(x): value not finite for x in [-8, 0]",
		]);
		assert.ok(Number.isNaN(sampled.value[0]));
		assert.equal(sampled.value[5], -Infinity);
	});

	it("reports separate runs and points", () => {
		const activation = compileActivation("f(x) = 1 / (x^2 - 1)");
		const sampled = sampleActivation(activation, {}, [-2, 2], 5);
		assert.deepEqual(sampled.notes, ["f: value not finite for x = -1, x = 1"]);
	});

	it("reports infinite gradients separately", () => {
		const activation = compileActivation("cbrt(x)");
		const sampled = sampleActivation(activation, {}, [-1, 1], 3);
		assert.deepEqual(sampled.notes, ["cbrt(x): gradient not finite for x = 0"]);
	});

	it("catalog functions stay finite", () => {
		const sampled = sampleActivation(
			compileActivation("gelu"),
			{},
			[-1000, 1000],
			2001,
		);
		assert.deepEqual(sampled.notes, []);
	});
});
