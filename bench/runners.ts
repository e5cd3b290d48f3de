// One runner per contender. Each computes a whole grid per call into arrays
// allocated once, and keeps its last output so that the benchmark can check it
// against the others.
import * as tf from "@tensorflow/tfjs";
import { compile, derivative } from "mathjs";
import type { Activation, ParameterValues } from "../src/kernel/types";
import type { GridFunction } from "./closures";
import type { TensorFunction } from "./cases";
import type { Runner } from "./measure";

/** A runner with its grid and the arrays its last call wrote. */
export interface GridRunner extends Runner {
	readonly x: Float64Array;
	readonly value: Float64Array;
	/** Null for contenders that compute the value only. */
	readonly gradient: Float64Array | null;
	/** Releases memory held outside the JavaScript heap (tfjs tensors). */
	dispose(): void;
}

const NO_PARAMETERS: ParameterValues = {};

function gridRunner(
	x: Float64Array,
	withGradient: boolean,
	compute: (value: Float64Array, gradient: Float64Array) => void,
	dispose: () => void = () => undefined,
): GridRunner {
	const value = new Float64Array(x.length);
	const gradient = new Float64Array(withGradient ? x.length : 0);
	return {
		points: x.length,
		x,
		value,
		gradient: withGradient ? gradient : null,
		run: () => compute(value, gradient),
		dispose,
	};
}

/** Returns a runner of the kernel's evaluate, with the activation compiled beforehand. */
export function kernelRunner(
	activation: Activation,
	x: Float64Array,
): GridRunner {
	return gridRunner(x, true, (value, gradient) => {
		activation.evaluate(x, NO_PARAMETERS, value, gradient);
	});
}

export function closureRunner(
	closure: GridFunction,
	x: Float64Array,
): GridRunner {
	return gridRunner(x, true, (value, gradient) => {
		closure(x, value, gradient);
	});
}

/** mathjs `compile(expression).evaluate({ x })` once per point: the value only. */
export function mathjsEvaluateRunner(
	expression: string,
	x: Float64Array,
): GridRunner {
	const compiled = compile(expression);
	return gridRunner(x, false, (value) => {
		for (let i = 0; i < x.length; i++) {
			value[i] = compiled.evaluate({ x: x[i] }) as number;
		}
	});
}

/** The result of trying to build a contender that may not support a case. */
export type Attempt = { runner: GridRunner } | { reason: string };

/**
 * mathjs `derivative(expression, "x")`, compiled next to the expression itself,
 * and both evaluated once per point. Returns the reason instead where mathjs
 * cannot differentiate the expression (it rejects max, min, erf and
 * conditionals).
 */
export function mathjsDerivativeRunner(
	expression: string,
	x: Float64Array,
): Attempt {
	let derivativeExpression: string;
	try {
		derivativeExpression = derivative(expression, "x").toString();
	} catch (error) {
		return { reason: `mathjs derivative: ${(error as Error).message}` };
	}
	const compiledValue = compile(expression);
	const compiledGradient = compile(derivativeExpression);
	const runner = gridRunner(x, true, (value, gradient) => {
		for (let i = 0; i < x.length; i++) {
			const scope = { x: x[i] };
			value[i] = compiledValue.evaluate(scope) as number;
			gradient[i] = compiledGradient.evaluate(scope) as number;
		}
	});
	return { runner };
}

/**
 * TensorFlow.js `tf.valueAndGrad` on a float32 tensor of the grid, made once.
 * The float32 results are copied into float64 arrays like every other
 * contender's, so the time includes reading them back from the backend.
 */
export function tfjsRunner(fn: TensorFunction, x: Float64Array): GridRunner {
	const input = tf.tensor1d(Float32Array.from(x), "float32");
	const valueAndGradient = tf.valueAndGrad(fn);
	const compute = (value: Float64Array, gradient: Float64Array): void => {
		tf.tidy(() => {
			const result = valueAndGradient(input);
			value.set(result.value.dataSync());
			gradient.set(result.grad.dataSync());
		});
	};
	return gridRunner(x, true, compute, () => input.dispose());
}

/**
 * Selects TensorFlow.js's plain JavaScript CPU backend, the one
 * `@tensorflow/tfjs` offers in Node without the native tfjs-node package.
 */
export async function useTfjsCpuBackend(): Promise<void> {
	const selected = await tf.setBackend("cpu");
	if (!selected) {
		throw new Error("TensorFlow.js could not select its cpu backend.");
	}
	await tf.ready();
}
