import { test } from "node:test";
import assert from "node:assert/strict";
import { decimate } from "../../src/chart/decimate";
import type { ChartPoint } from "../../src/chart/kinks";

function line(count: number, f: (x: number) => number): ChartPoint[] {
	return Array.from({ length: count }, (_, i) => {
		const x = -8 + (16 * i) / (count - 1);
		return { x, y: f(x) };
	});
}

void test("short line kept whole", () => {
	const points = line(401, Math.sin);
	assert.equal(decimate(points), points);
});

void test("long line keeps extremes", () => {
	const points = line(100_000, (x) => Math.sin(40 * x));
	const reduced = decimate(points, 500);
	assert.ok(reduced.length <= 4 * 500, `${reduced.length} points`);
	assert.ok(reduced.length >= 2 * 500, `${reduced.length} points`);
	assert.deepEqual(reduced[0], points[0]);
	assert.deepEqual(reduced[reduced.length - 1], points[points.length - 1]);
	const ys = reduced.map((point) => point.y);
	assert.equal(Math.max(...ys), Math.max(...points.map((point) => point.y)));
	assert.equal(Math.min(...ys), Math.min(...points.map((point) => point.y)));
	for (let i = 1; i < reduced.length; i++) {
		assert.ok(
			(reduced[i]?.x ?? 0) >= (reduced[i - 1]?.x ?? 0),
			"points stay sorted by x",
		);
	}
});

void test("gaps survive decimation", () => {
	const points = line(100_000, (x) => (x > 0 ? 1 : 0));
	const jump = points.findIndex((point) => point.x > 0);
	points.splice(jump, 0, { x: 0, y: 0 }, { x: 0, y: NaN }, { x: 0, y: 1 });
	const reduced = decimate(points, 500);
	const gap = reduced.findIndex((point) => Number.isNaN(point.y));
	assert.deepEqual(reduced.slice(gap - 1, gap + 2), [
		{ x: 0, y: 0 },
		{ x: 0, y: NaN },
		{ x: 0, y: 1 },
	]);
	assert.equal(reduced.filter((point) => Number.isNaN(point.y)).length, 1);
});

void test("non-finite range stays gap", () => {
	const points = line(50_000, (x) => (x < 0 ? NaN : Math.log1p(x)));
	const reduced = decimate(points, 200);
	const firstFinite = reduced.findIndex((point) => !Number.isNaN(point.y));
	assert.equal(firstFinite, 1, "a non-finite range becomes one NaN point");
	assert.ok(Number.isNaN(reduced[0]?.y ?? 0));
	assert.ok(
		reduced.slice(firstFinite).every((point) => !Number.isNaN(point.y)),
	);
});
