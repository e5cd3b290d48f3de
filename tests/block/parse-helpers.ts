// Helpers that the block tests share: parse a block and fail the test unless it is
// valid, or unless it has errors.
import assert from "node:assert/strict";
import { parseBlock } from "../../src/block/parse";
import {
	formatBlockError,
	type ActivationSpec,
	type BlockError,
} from "../../src/block/spec";

/** Parses a block body that must be valid and returns its spec. */
export function parseValid(body: string): ActivationSpec {
	const result = parseBlock(body);
	if (!result.ok) {
		assert.fail(
			`expected a valid block, got:\n${result.errors.map(formatBlockError).join("\n")}`,
		);
	}
	return result.spec;
}

/** Parses a block body that must be invalid and returns its errors. */
export function parseErrors(body: string): BlockError[] {
	const result = parseBlock(body);
	if (result.ok) {
		assert.fail(`expected errors for ${JSON.stringify(body)}`);
	}
	return result.errors;
}

/** Parses a block body that must have exactly one error and returns it. */
export function onlyError(body: string): BlockError {
	const errors = parseErrors(body);
	assert.equal(errors.length, 1, errors.map(formatBlockError).join("\n"));
	return errors[0] as BlockError;
}
