/**
 * Property tests of the expression interpreter at the kernel's level: random expression
 * trees compile or raise KernelError, and compiled ones sample cleanly with any
 * parameter values, including float64's extremes, on ordinary and extreme domains.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
	compileActivation,
	KernelError,
	sampleActivation,
	type Activation,
} from "../../src/kernel";
import {
	expressionText,
	PARAMETER_NAMES,
	wellFormedDomain,
	wellFormedExpression,
} from "./arbitraries";
import { BLOCK_TIME_LIMIT_MS } from "./check";
import { assertProperty } from "./property";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

/** Parameter values from ordinary to float64's extremes, NaN and infinities excluded. */
const parameterValues = fc.dictionary(
	fc.constantFrom(...PARAMETER_NAMES),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Compiles an expression, returning null for a KernelError and rethrowing anything else. */
function compileOrReject(source: string): Activation | null {
	try {
		return compileActivation(source, PARAMETER_NAMES);
	} catch (error) {
		if (!(error instanceof KernelError)) {
			throw new Error(
				`compileActivation raised ${String(error)} instead of a KernelError for ${source}`,
			);
		}
		assert.ok(
			error.message.trim().length > 0,
			`empty KernelError message for ${source}`,
		);
		return null;
	}
}

function checkSampled(
	activation: Activation,
	values: Record<string, number>,
	domain: [number, number],
	samples: number,
): void {
	const start = process.cpuUsage();
	const sampled = sampleActivation(activation, values, domain, samples);
	const used = process.cpuUsage(start);
	const milliseconds = (used.user + used.system) / 1000;
	assert.ok(
		milliseconds < BLOCK_TIME_LIMIT_MS,
		`sampling took ${milliseconds} ms`,
	);

	assert.equal(sampled.x.length, samples);
	assert.equal(sampled.value.length, samples);
	assert.equal(sampled.gradient.length, samples);
	for (let i = 0; i < samples; i++) {
		assert.ok(
			Number.isFinite(sampled.x[i]),
			`grid point ${i} is ${sampled.x[i]}`,
		);
		if (i > 0) {
			assert.ok(
				(sampled.x[i - 1] as number) <= (sampled.x[i] as number),
				`grid decreases at point ${i}`,
			);
		}
	}
	for (const kink of sampled.kinks) {
		assert.ok(
			kink.x >= domain[0] && kink.x <= domain[1],
			`kink at ${kink.x} outside the domain`,
		);
	}
	const nonFinite =
		sampled.value.some((value) => !Number.isFinite(value)) ||
		sampled.gradient.some((gradient) => !Number.isFinite(gradient));
	assert.equal(
		sampled.notes.length > 0,
		nonFinite,
		`notes ${JSON.stringify(sampled.notes)} for non-finite values: ${nonFinite}`,
	);
}

test("random expressions compile or raise", () => {
	assertProperty(
		fc.property(expressionText, parameterValues, (source, values) => {
			const activation = compileOrReject(source);
			if (activation !== null) {
				checkSampled(activation, values, [-8, 8], 101);
			}
		}),
		{ seed: SEED, numRuns: Math.round(1500 * SCALE) },
	);
});

test("expressions on extreme domains", () => {
	assertProperty(
		fc.property(
			wellFormedExpression,
			parameterValues,
			wellFormedDomain,
			fc.integer({ min: 2, max: 600 }),
			(source, values, domain, samples) => {
				const activation = compileOrReject(source);
				if (activation !== null) {
					checkSampled(activation, values, domain, samples);
				}
			},
		),
		{ seed: SEED, numRuns: Math.round(1000 * SCALE) },
	);
});
