import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linspace } from "../../src/kernel/index";

describe("linspace", () => {
	it("huge domain stays finite", () => {
		const x1 = 4.505496578602295e305;
		const x = linspace(0, x1, 400);
		for (let i = 0; i < x.length; i++) {
			assert.ok(Number.isFinite(x[i]), `point ${i} is ${x[i]}`);
		}
		for (let i = 1; i < x.length; i++) {
			assert.ok((x[i] as number) > (x[i - 1] as number), `point ${i} rises`);
		}
		assert.equal(x[399], x1);
	});

	it("widest domain stays finite", () => {
		const x = linspace(-1e308, 1e308, 5);
		assert.deepEqual([...x], [-1e308, -5e307, 0, 5e307, 1e308]);
	});
});
