import assert from "node:assert/strict";
import { test } from "node:test";
import {
	isolatedPoints,
	replaceDatasets,
	type LineDataset,
} from "../../src/chart/datasets";

function line(colour: string, ys: number[]): LineDataset {
	return {
		label: "swish",
		data: ys.map((y, x) => ({ x, y })),
		borderColor: colour,
		borderDash: [6, 4],
		parsing: false,
	};
}

void test("new points keep the dataset objects", () => {
	const current = [line("#086ddd", [0, 1]), line("#086ddd", [1, 1])];
	const [first, second] = current;
	const next = [line("#086ddd", [0, 2]), line("#086ddd", [3, 3])];
	const result = replaceDatasets(current, next);
	assert.equal(result, current);
	assert.equal(result[0], first);
	assert.equal(result[1], second);
	assert.deepEqual(result[0]?.data, [
		{ x: 0, y: 0 },
		{ x: 1, y: 2 },
	]);
	assert.equal(result[1]?.data, next[1]?.data);
});

void test("a new style gives new dataset objects", () => {
	const current = [line("#086ddd", [0, 1])];
	const next = [line("#027aff", [0, 1])];
	const result = replaceDatasets(current, next);
	assert.equal(result, next);
	assert.equal(current[0]?.borderColor, "#086ddd");
});

void test("a different number of datasets gives new dataset objects", () => {
	const current = [line("#086ddd", [0, 1])];
	const next = [line("#086ddd", [0, 1]), line("#086ddd", [2, 2])];
	assert.equal(replaceDatasets(current, next), next);
});

void test("isolated points between gaps", () => {
	const points = [
		{ x: -2, y: NaN },
		{ x: -1, y: -1 },
		{ x: 0, y: NaN },
		{ x: 1, y: 1 },
		{ x: 2, y: 2 },
		{ x: 3, y: NaN },
	];
	assert.deepEqual(isolatedPoints(points), [{ x: -1, y: -1 }]);
	assert.deepEqual(isolatedPoints([{ x: 0, y: 5 }]), [{ x: 0, y: 5 }]);
	assert.deepEqual(
		isolatedPoints([
			{ x: 0, y: 1 },
			{ x: 1, y: 2 },
		]),
		[],
	);
});
