import { test } from "node:test";
import assert from "node:assert/strict";
import { kinkDots, linePoints } from "../../src/chart/kinks";
import type { Kink, Sampled } from "../../src/kernel/types";

function sampled(
	x: number[],
	value: number[],
	gradient: number[],
	kinks: Kink[] = [],
): Sampled {
	return {
		x: Float64Array.from(x),
		value: Float64Array.from(value),
		gradient: Float64Array.from(gradient),
		kinks,
		notes: [],
	};
}

const RELU_KINK: Kink = {
	x: 0,
	value: 0,
	valueLeft: 0,
	valueRight: 0,
	gradient: 0,
	gradientLeft: 0,
	gradientRight: 1,
};

void test("kink between grid points", () => {
	const relu = sampled([-1, 0.5, 2], [0, 0.5, 2], [0, 1, 1], [RELU_KINK]);
	assert.deepEqual(linePoints(relu, "value"), [
		{ x: -1, y: 0 },
		{ x: 0, y: 0 },
		{ x: 0.5, y: 0.5 },
		{ x: 2, y: 2 },
	]);
	assert.deepEqual(linePoints(relu, "gradient"), [
		{ x: -1, y: 0 },
		{ x: 0, y: 0 },
		{ x: 0, y: NaN },
		{ x: 0, y: 1 },
		{ x: 0.5, y: 1 },
		{ x: 2, y: 1 },
	]);
});

void test("grid point on kink replaced", () => {
	const relu = sampled([-1, 0, 1], [0, 0, 1], [0, 0, 1], [RELU_KINK]);
	const gradient = linePoints(relu, "gradient");
	assert.equal(gradient.length, 5);
	assert.deepEqual(gradient.slice(1, 4), [
		{ x: 0, y: 0 },
		{ x: 0, y: NaN },
		{ x: 0, y: 1 },
	]);
});

void test("non-finite values become NaN", () => {
	const log = sampled([-1, 0, 1], [NaN, -Infinity, 0], [NaN, Infinity, 1]);
	assert.deepEqual(
		linePoints(log, "value").map((point) => point.y),
		[NaN, NaN, 0],
	);
	assert.deepEqual(
		linePoints(log, "gradient").map((point) => point.y),
		[NaN, NaN, 1],
	);
});

void test("bisection rounding is no jump", () => {
	const kink: Kink = { ...RELU_KINK, valueRight: 1e-12 };
	const relu = sampled([-1, 1], [0, 1], [0, 1], [kink]);
	assert.ok(!linePoints(relu, "value").some((point) => Number.isNaN(point.y)));
	assert.deepEqual(kinkDots(relu, "value"), []);
});

void test("kink dots: open then filled", () => {
	const relu = sampled([-1, 1], [0, 1], [0, 1], [RELU_KINK]);
	assert.deepEqual(kinkDots(relu, "gradient"), [
		{ x: 0, y: 0, open: true },
		{ x: 0, y: 1, open: true },
		{ x: 0, y: 0, open: false },
	]);
	assert.deepEqual(kinkDots(relu, "value"), []);
});

void test("isolated point value gets dots", () => {
	const kink: Kink = {
		x: 0,
		value: 5,
		valueLeft: 0,
		valueRight: 0,
		gradient: 0,
		gradientLeft: 0,
		gradientRight: 0,
	};
	const spike = sampled([-1, 1], [0, 0], [0, 0], [kink]);
	assert.deepEqual(kinkDots(spike, "value"), [
		{ x: 0, y: 0, open: true },
		{ x: 0, y: 5, open: false },
	]);
	assert.deepEqual(kinkDots(spike, "gradient"), []);
});

void test("kinks outside grid ignored", () => {
	const relu = sampled([1, 2], [1, 2], [1, 1], [RELU_KINK]);
	assert.deepEqual(linePoints(relu, "gradient"), [
		{ x: 1, y: 1 },
		{ x: 2, y: 1 },
	]);
	assert.deepEqual(kinkDots(relu, "gradient"), []);
});
