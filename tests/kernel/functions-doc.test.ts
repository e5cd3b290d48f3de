import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CATALOG } from "../../src/kernel/index";
import { renderFunctionsDoc } from "../../src/kernel/catalog/markdown";

const DOC = "docs/functions.md";

describe("functions doc", () => {
	it("matches the catalog", () => {
		const current = readFileSync(DOC, "utf8");
		assert.equal(
			current,
			renderFunctionsDoc(CATALOG),
			`${DOC} is out of date; run npx tsx scripts/generate-functions-doc.ts`,
		);
	});

	it("documents every function", () => {
		const current = readFileSync(DOC, "utf8");
		for (const entry of CATALOG) {
			assert.ok(
				current.includes(`## ${entry.name}\n`),
				`section for ${entry.name}`,
			);
			assert.ok(
				current.includes(entry.formula.value),
				`value formula of ${entry.name}`,
			);
			assert.ok(
				current.includes(entry.kinkConvention),
				`kinks of ${entry.name}`,
			);
			for (const parameter of entry.parameters) {
				assert.ok(
					current.includes(`| \`${parameter.name}\` |`),
					`${entry.name} ${parameter.name}`,
				);
			}
		}
	});

	it("check flag detects drift", () => {
		const result = spawnSync(
			process.execPath,
			["--import", "tsx", "scripts/generate-functions-doc.ts", "--check"],
			{ encoding: "utf8" },
		);
		assert.equal(result.status, 0, result.stderr);
	});

	it("renders changed catalog differently", () => {
		const [first, ...rest] = CATALOG;
		assert.ok(first !== undefined);
		const changed = [{ ...first, description: "Changed." }, ...rest];
		assert.notEqual(renderFunctionsDoc(changed), renderFunctionsDoc(CATALOG));
	});
});
