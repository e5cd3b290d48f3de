import { readFile } from "node:fs/promises";
import { runCommandLine } from "./command-line";

// Entry point of the `activation-charts` bin. The exit status is set, not forced with
// process.exit, so that stdout is flushed when it is a pipe.
runCommandLine(process.argv.slice(2), {
	stdin: process.stdin,
	stdout: process.stdout,
	stderr: process.stderr,
	readFile: (path: string) => readFile(path, "utf8"),
}).then(
	(status) => {
		process.exitCode = status;
	},
	(error: unknown) => {
		process.stderr.write(
			`activation-charts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exitCode = 1;
	},
);
