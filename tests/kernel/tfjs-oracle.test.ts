import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import {
	compileActivation,
	type ParameterValues,
} from "../../src/kernel/index";

/**
 * TensorFlow.js (CPU backend, float32) as an independent oracle: its kernels and its
 * autograd share no code with ours. float32 limits the agreement to about 1e-6 relative.
 */
interface Oracle {
	source: string;
	parameters: ParameterValues;
	apply: (x: tf.Tensor) => tf.Tensor;
}

const ORACLES: Oracle[] = [
	{ source: "relu", parameters: {}, apply: (x) => tf.relu(x) },
	{ source: "relu6", parameters: {}, apply: (x) => tf.relu6(x) },
	{
		source: "leaky_relu",
		parameters: { negative_slope: 0.2 },
		apply: (x) => tf.leakyRelu(x, 0.2),
	},
	{
		source: "prelu",
		parameters: { alpha: 0.25 },
		apply: (x) => tf.prelu(x, tf.scalar(0.25)),
	},
	{ source: "elu", parameters: {}, apply: (x) => tf.elu(x) },
	{ source: "selu", parameters: {}, apply: (x) => tf.selu(x) },
	{ source: "sigmoid", parameters: {}, apply: (x) => tf.sigmoid(x) },
	{ source: "tanh", parameters: {}, apply: (x) => tf.tanh(x) },
	{ source: "softplus", parameters: {}, apply: (x) => tf.softplus(x) },
	{ source: "logsigmoid", parameters: {}, apply: (x) => tf.logSigmoid(x) },
	{ source: "silu", parameters: {}, apply: (x) => tf.mul(x, tf.sigmoid(x)) },
	{
		source: "swish",
		parameters: { beta: 1.5 },
		apply: (x) => tf.mul(x, tf.sigmoid(tf.mul(x, 1.5))),
	},
	{
		source: "mish",
		parameters: {},
		apply: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
	},
	{
		source: "softsign",
		parameters: {},
		apply: (x) => tf.div(x, tf.add(1, tf.abs(x))),
	},
	{ source: "tanhshrink", parameters: {}, apply: (x) => tf.sub(x, tf.tanh(x)) },
	{
		source: "squareplus",
		parameters: {},
		apply: (x) => tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), 4))), 2),
	},
	{
		source: "gelu_tanh",
		parameters: {},
		apply: (x) => {
			const inner = tf.mul(
				Math.sqrt(2 / Math.PI),
				tf.add(x, tf.mul(0.044715, tf.pow(x, 3))),
			);
			return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
		},
	},
	{
		source: "x * sigmoid(2x) + abs(x - 1)",
		parameters: {},
		apply: (x) =>
			tf.add(tf.mul(x, tf.sigmoid(tf.mul(2, x))), tf.abs(tf.sub(x, 1))),
	},
];

/** Points that avoid every kink of the functions above (no integers, no halves). */
const POINTS = Array.from({ length: 92 }, (_, i) =>
	Math.fround(-7.93 + i * 0.173),
);

function closeFloat32(actual: number, expected: number): boolean {
	return Math.abs(actual - expected) <= 2e-5 * Math.abs(expected) + 2e-6;
}

describe("tensorflow.js oracle", () => {
	it("uses the cpu backend", async () => {
		await tf.setBackend("cpu");
		assert.equal(tf.getBackend(), "cpu");
	});

	for (const oracle of ORACLES) {
		it(`${oracle.source} agrees with tf.grad`, async () => {
			await tf.setBackend("cpu");
			const input = tf.tensor1d(POINTS, "float32");
			const expectedValue = await oracle.apply(input).data();
			const expectedGradient = await tf.grad(oracle.apply)(input).data();
			const activation = compileActivation(
				oracle.source,
				Object.keys(oracle.parameters),
			);
			const x = Float64Array.from(POINTS);
			const value = new Float64Array(x.length);
			const gradient = new Float64Array(x.length);
			activation.evaluate(x, oracle.parameters, value, gradient);
			POINTS.forEach((xi, i) => {
				const v = expectedValue[i] as number;
				const g = expectedGradient[i] as number;
				assert.ok(
					closeFloat32(value[i] as number, v),
					`value at ${xi}: ${value[i]} vs ${v}`,
				);
				assert.ok(
					closeFloat32(gradient[i] as number, g),
					`gradient at ${xi}: ${gradient[i]} vs ${g}`,
				);
			});
			tf.disposeVariables();
		});
	}
});
