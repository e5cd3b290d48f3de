// Writes docs/functions.md from the kernel's catalog. With --check it writes nothing
// and exits with status 1 when the file differs from what it would write.
//
//     npx tsx scripts/generate-functions-doc.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { CATALOG } from "../src/kernel/catalog";
import { renderFunctionsDoc } from "../src/kernel/catalog/markdown";

const OUTPUT = "docs/functions.md";

function readCurrent(): string | null {
	try {
		return readFileSync(OUTPUT, "utf8");
	} catch {
		return null;
	}
}

const expected = renderFunctionsDoc(CATALOG);

if (process.argv.includes("--check")) {
	if (readCurrent() !== expected) {
		console.error(
			`${OUTPUT} is out of date; run npx tsx scripts/generate-functions-doc.ts to rewrite it.`,
		);
		process.exit(1);
	}
} else {
	writeFileSync(OUTPUT, expected);
	process.stdout.write(`Wrote ${OUTPUT}.\n`);
}
