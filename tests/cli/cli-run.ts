import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The built command-line tool, as `npm run build` writes it. */
export const BUILT_CLI = resolve("dist", "cli.cjs");

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the built command line with `args`, failing clearly when it was never built. */
export function runBuiltCli(
	args: string[],
	options: { cwd?: string; input?: string } = {},
): CliResult {
	if (!existsSync(BUILT_CLI)) {
		throw new Error(`${BUILT_CLI} is missing: run npm run build first.`);
	}
	const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
		cwd: options.cwd,
		input: options.input ?? "",
		encoding: "utf8",
		timeout: 60_000,
	});
	return {
		status: result.status,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}
