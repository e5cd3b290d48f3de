import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	brokenRule,
	CATALOG,
	findCatalogEntry,
	type CatalogEntry,
} from "../../src/kernel/catalog";
import { compileActivation, KernelError } from "../../src/kernel/index";

function entry(name: string): CatalogEntry {
	const found = findCatalogEntry(name);
	assert.ok(found, `no catalog entry ${name}`);
	return found;
}

/** Lists every combination of the ends of the entry's slider ranges, by parameter name. */
function sliderCorners(catalogEntry: CatalogEntry): Record<string, number>[] {
	let corners: Record<string, number>[] = [{}];
	for (const definition of catalogEntry.parameters) {
		corners = corners.flatMap((corner) => [
			{ ...corner, [definition.name]: definition.min },
			{ ...corner, [definition.name]: definition.max },
		]);
	}
	return corners;
}

describe("catalog parameter rules", () => {
	it("hardtanh min_val above max_val", () => {
		const rule = brokenRule(entry("hardtanh"), { min_val: 2, max_val: 1 });
		assert.deepEqual(rule, {
			parameter: "min_val",
			operator: "<=",
			bound: "max_val",
		});
	});

	it("hardtanh equal bounds allowed", () => {
		assert.equal(
			brokenRule(entry("hardtanh"), { min_val: 1, max_val: 1 }),
			null,
		);
	});

	it("softshrink negative lambd", () => {
		assert.deepEqual(brokenRule(entry("softshrink"), { lambd: -0.5 }), {
			parameter: "lambd",
			operator: ">=",
			bound: 0,
		});
		assert.equal(brokenRule(entry("softshrink"), { lambd: 0 }), null);
	});

	it("rules name real parameters", () => {
		for (const catalogEntry of CATALOG) {
			const names = catalogEntry.parameters.map(
				(definition) => definition.name,
			);
			for (const rule of catalogEntry.rules ?? []) {
				assert.ok(names.includes(rule.parameter), catalogEntry.name);
				if (typeof rule.bound === "string") {
					assert.ok(names.includes(rule.bound), catalogEntry.name);
				}
			}
		}
	});

	it("defaults meet every rule", () => {
		for (const catalogEntry of CATALOG) {
			const defaults = Object.fromEntries(
				catalogEntry.parameters.map((definition) => [
					definition.name,
					definition.default,
				]),
			);
			assert.equal(brokenRule(catalogEntry, defaults), null, catalogEntry.name);
		}
	});

	it("default sliders never break rules", () => {
		// The rules are linear, so a slider box whose corners meet them lies inside them.
		for (const catalogEntry of CATALOG) {
			for (const corner of sliderCorners(catalogEntry)) {
				assert.equal(
					brokenRule(catalogEntry, corner),
					null,
					`${catalogEntry.name} at ${JSON.stringify(corner)}`,
				);
			}
		}
	});
});

describe("parameter rules inside expressions", () => {
	const reject = (source: string): string => {
		try {
			compileActivation(source);
		} catch (error) {
			assert.ok(error instanceof KernelError, String(error));
			return error.message;
		}
		assert.fail(`${source} compiled`);
	};

	it("rejects literal arguments that break a rule", () => {
		assert.equal(
			reject("hardtanh(x, 2, 1)"),
			"hardtanh requires min_val <= max_val, but this call gives min_val 2 and max_val 1; change the arguments so that min_val <= max_val",
		);
		assert.equal(
			reject("x + softshrink(x, -0.5)"),
			"softshrink requires lambd >= 0, but this call gives lambd -0.5; change the arguments so that lambd >= 0",
		);
		// A left-out argument takes its default: max_val 1 is below min_val 2.
		assert.match(reject("hardtanh(x, 2)"), /min_val 2 and max_val 1/);
	});

	it("accepts arguments that meet the rules", () => {
		for (const source of [
			"hardtanh(x, -1, 1)",
			"hardtanh(x, 1, 1)",
			"softshrink(x, 0)",
		]) {
			assert.equal(compileActivation(source).kind, "expression", source);
		}
	});
});
