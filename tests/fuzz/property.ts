import assert from "node:assert/strict";
import fc from "fast-check";

/**
 * Runs a fast-check property and fails with the shrunk counterexample, the error it
 * raised and the seed and path that replay it. Node's test runner does not print an
 * error's `cause`, which is where fc.assert puts the property's own error.
 */
export function assertProperty<T>(
	property: fc.IProperty<T>,
	parameters: fc.Parameters<T>,
): void {
	const details = fc.check(property, parameters);
	if (!details.failed) {
		return;
	}
	const error = details.errorInstance;
	const reason = error instanceof Error ? error.message : String(error);
	assert.fail(
		[
			`property failed after ${details.numRuns} runs: ${reason}`,
			`counterexample: ${fc.stringify(details.counterexample)}`,
			`replay with seed ${details.seed}, path "${details.counterexamplePath ?? ""}"`,
		].join("\n"),
	);
}
