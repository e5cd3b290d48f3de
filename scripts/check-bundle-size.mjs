// Fails when the plugin bundle outgrows its budget, because every byte of main.js is
// parsed each time Obsidian starts, on phones too. Raise the budget on purpose, in its
// own commit that gives the reason, and update the figure in docs/benchmarks.md.
import { statSync } from "node:fs";

/** Size of the production main.js in bytes that CI accepts. */
const MAIN_JS_BUDGET_BYTES = 620_000;

const size = statSync("main.js").size;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (size > MAIN_JS_BUDGET_BYTES) {
	console.error(
		`main.js is ${kib(size)} (${size} bytes), over its budget of ${kib(MAIN_JS_BUDGET_BYTES)}. ` +
			"Find what grew (npx esbuild main.ts --bundle --minify --metafile) or raise the budget in scripts/check-bundle-size.mjs.",
	);
	process.exit(1);
}
console.error(`main.js is ${kib(size)}, within its budget of ${kib(MAIN_JS_BUDGET_BYTES)}.`);
