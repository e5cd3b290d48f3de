// Runs every tests/**/*.test.ts file with Node's test runner. Arguments narrow the run
// to files whose path contains one of them: `npm test -- kernel block/parse`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function listTestFiles(folder) {
	const files = [];
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) {
			files.push(...listTestFiles(path));
		} else if (entry.name.endsWith(".test.ts")) {
			files.push(path);
		}
	}
	return files.sort();
}

const filters = process.argv.slice(2);
const files = listTestFiles("tests").filter(
	(file) => filters.length === 0 || filters.some((filter) => file.includes(filter)),
);
if (files.length === 0) {
	console.error(`No test file matches ${filters.join(", ")}.`);
	process.exit(1);
}

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...files], {
	stdio: "inherit",
});
process.exit(result.status ?? 1);
