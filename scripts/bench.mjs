// Runs the benchmark with the given arguments:
// `npm run --silent bench -- --json` prints one JSON object on stdout, and
// `npm run --silent bench -- --help` lists the options.
//
// bench/main.ts and the kernel are bundled into one file first, as esbuild bundles
// the plugin. Run through tsx instead, every call to a function imported from
// another file goes through a getter, which took 10% of GELU's time in a profile.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Inside node_modules, so that the bundle finds mathjs, tfjs and playwright-core.
const outfile = join("node_modules", ".cache", "activation-charts", "bench.cjs");

try {
	await build({
		entryPoints: ["bench/main.ts"],
		outfile,
		bundle: true,
		platform: "node",
		format: "cjs",
		target: "node20",
		packages: "external",
		sourcemap: "inline",
		logLevel: "warning",
	});
} catch (error) {
	console.error(`Could not bundle the benchmark: ${error.message}`);
	process.exit(1);
}

const result = spawnSync(
	process.execPath,
	["--enable-source-maps", outfile, ...process.argv.slice(2)],
	{ stdio: "inherit" },
);
if (result.error !== undefined) {
	console.error(`Could not start the benchmark: ${result.error.message}`);
}
process.exit(result.status ?? 1);
