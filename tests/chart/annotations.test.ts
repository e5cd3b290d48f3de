import { test } from "node:test";
import assert from "node:assert/strict";
import {
	hasUnboundedGradient,
	maxGradient,
	peakLabel,
	saturationRegions,
} from "../../src/chart/annotations";
import { formatNumber } from "../../src/chart/format";
import { nearestIndex } from "../../src/chart/samples";
import { compileActivation, sampleActivation } from "../../src/kernel/index";
import type { Sampled } from "../../src/kernel/types";

function grid(min: number, max: number, count: number): Float64Array {
	return Float64Array.from(
		{ length: count },
		(_, i) => min + ((max - min) * i) / (count - 1),
	);
}

function sample(x: Float64Array, gradient: (x: number) => number): Sampled {
	return {
		x,
		value: new Float64Array(x.length),
		gradient: x.map(gradient),
		kinks: [],
		notes: [],
	};
}

const sigmoidGradient = (x: number) => {
	const s = 1 / (1 + Math.exp(-x));
	return s * (1 - s);
};

void test("sigmoid peak at zero", () => {
	const peak = maxGradient(sample(grid(-8, 8, 401), sigmoidGradient));
	assert.deepEqual(peak, { x: 0, gradient: 0.25 });
});

void test("sigmoid peak labelled max", () => {
	const peak = maxGradient(sample(grid(-8, 8, 401), sigmoidGradient));
	assert.ok(peak !== null);
	assert.equal(peakLabel(peak), "max f'(0) = 0.25");
});

void test("negative sigmoid peak labelled min", () => {
	const peak = maxGradient(
		sample(grid(-8, 8, 401), (x) => -sigmoidGradient(x)),
	);
	assert.deepEqual(peak, { x: 0, gradient: -0.25 });
	assert.ok(peak !== null);
	assert.equal(peakLabel(peak), "min f'(0) = -0.25");
});

void test("plateau has no peak", () => {
	const relu = sample(grid(-8, 8, 401), (x) => (x > 0 ? 1 : 0));
	assert.equal(maxGradient(relu), null);
});

void test("maximum at grid end", () => {
	// The gradient of softplus is the sigmoid, which rises up to the last grid point.
	const softplus = sample(grid(-8, 8, 401), (x) => 1 / (1 + Math.exp(-x)));
	assert.equal(maxGradient(softplus), null);
});

void test("sigmoid saturates in tails", () => {
	const regions = saturationRegions(sample(grid(-8, 8, 401), sigmoidGradient));
	assert.equal(regions.length, 2);
	const [left, right] = regions;
	assert.equal(left?.xMin, -8);
	assert.equal(right?.xMax, 8);
	// |f'| < 0.0025 where |x| > about 5.99.
	assert.ok(
		Math.abs((left?.xMax ?? 0) + 6) < 0.05,
		`left ends at ${left?.xMax}`,
	);
	assert.ok(
		Math.abs((right?.xMin ?? 0) - 6) < 0.05,
		`right starts at ${right?.xMin}`,
	);
});

void test("zero crossing is no saturation", () => {
	const crossing = sample(grid(-8, 8, 401), (x) => x);
	assert.deepEqual(saturationRegions(crossing), []);
});

void test("constant gradient never saturates", () => {
	assert.deepEqual(saturationRegions(sample(grid(-1, 1, 11), () => 0)), []);
	assert.deepEqual(saturationRegions(sample(grid(-1, 1, 11), () => 2)), []);
});

void test("formatNumber examples", () => {
	const cases: [number, string][] = [
		[0.25000000001, "0.25"],
		[1.0998361, "1.09984"],
		[0, "0"],
		[-8, "-8"],
		[1e-7, "1e-7"],
		[123456789, "1.23457e+8"],
		[NaN, "undefined"],
		[Infinity, "∞"],
		[-Infinity, "-∞"],
	];
	for (const [value, expected] of cases) {
		assert.equal(formatNumber(value), expected, `formatNumber(${value})`);
	}
});

void test("nearestIndex picks closest point", () => {
	const x = grid(-1, 1, 5);
	assert.equal(nearestIndex(x, -2), 0);
	assert.equal(nearestIndex(x, 0.2), 2);
	assert.equal(nearestIndex(x, 0.3), 3);
	assert.equal(nearestIndex(x, 5), 4);
	assert.equal(nearestIndex(new Float64Array(0), 0), -1);
});

void test("unbounded kink gradient detected", () => {
	const sampled = (source: string) =>
		sampleActivation(compileActivation(source), {}, [-2, 2], 401);
	assert.equal(hasUnboundedGradient(sampled("x > 0 ? log(x) : 0")), true);
	assert.equal(hasUnboundedGradient(sampled("relu")), false);
	assert.equal(hasUnboundedGradient(sampled("sigmoid")), false);
});
