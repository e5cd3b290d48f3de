// The functions the benchmark times, each written once for every contender: the
// kernel's input, an equivalent mathjs expression, a hand-written closure and,
// where TensorFlow.js has the operations and their gradients, a tfjs function.
import * as tf from "@tensorflow/tfjs";
import {
	eluWithAlpha,
	gelu,
	leakyWithSlope,
	logistic,
	relu,
	swishWithBeta,
	type GridFunction,
} from "./closures";

/** An element-wise function of a float32 tensor, differentiable by `tf.grad`. */
export type TensorFunction = (x: tf.Tensor) => tf.Tensor;

export interface BenchCase {
	/** The kernel's input: a catalog name or an expression in x. */
	readonly source: string;
	readonly kind: "catalog" | "expression";
	/**
	 * The same function in mathjs syntax. mathjs has no sigmoid, relu, gelu or
	 * swish, so those are spelled out with exp, max and erf.
	 */
	readonly mathjsExpression: string;
	readonly closure: GridFunction;
	/** Null where TensorFlow.js lacks an operation or its gradient. */
	readonly tfjs: TensorFunction | null;
}

/** x Φ(x) through tf.erf, whose gradient tfjs defines (checked with 4.22). */
function tensorGelu(x: tf.Tensor): tf.Tensor {
	const cdf = tf.erf(tf.mul(x, Math.SQRT1_2)).add(1).mul(0.5);
	return tf.mul(x, cdf);
}

function tensorSwish(beta: number): TensorFunction {
	return (x) => tf.mul(x, tf.sigmoid(tf.mul(x, beta)));
}

/**
 * x > 0 ? x : alpha (exp(x) - 1) through tf.where. The condition comes from
 * tf.step rather than tf.greater because tf.grad rejects any path through
 * Greater, which has no gradient function in tfjs 4.22, while Step and Cast
 * have one (zero).
 */
function tensorConditionalElu(alpha: number): TensorFunction {
	return (x) => {
		const positive = tf.step(x).cast("bool");
		return tf.where(positive, x, tf.exp(x).sub(1).mul(alpha));
	};
}

export const BENCH_CASES: readonly BenchCase[] = [
	{
		source: "relu",
		kind: "catalog",
		mathjsExpression: "max(0, x)",
		closure: relu,
		tfjs: (x) => tf.relu(x),
	},
	{
		source: "sigmoid",
		kind: "catalog",
		mathjsExpression: "1 / (1 + exp(-x))",
		closure: logistic,
		tfjs: (x) => tf.sigmoid(x),
	},
	{
		source: "gelu",
		kind: "catalog",
		mathjsExpression: "x / 2 * (1 + erf(x / sqrt(2)))",
		closure: gelu,
		tfjs: tensorGelu,
	},
	{
		source: "swish",
		kind: "catalog",
		mathjsExpression: "x / (1 + exp(-x))",
		closure: swishWithBeta(1),
		tfjs: tensorSwish(1),
	},
	{
		source: "x * sigmoid(1.5 * x)",
		kind: "expression",
		mathjsExpression: "x / (1 + exp(-1.5 * x))",
		closure: swishWithBeta(1.5),
		tfjs: tensorSwish(1.5),
	},
	{
		source: "x / 2 * (1 + erf(x / sqrt(2)))",
		kind: "expression",
		mathjsExpression: "x / 2 * (1 + erf(x / sqrt(2)))",
		closure: gelu,
		tfjs: tensorGelu,
	},
	{
		source: "max(0, x) + 0.1 * min(0, x)",
		kind: "expression",
		mathjsExpression: "max(0, x) + 0.1 * min(0, x)",
		closure: leakyWithSlope(0.1),
		tfjs: (x) => tf.maximum(x, 0).add(tf.minimum(x, 0).mul(0.1)),
	},
	{
		source: "x > 0 ? x : 0.3 * (exp(x) - 1)",
		kind: "expression",
		mathjsExpression: "x > 0 ? x : 0.3 * (exp(x) - 1)",
		closure: eluWithAlpha(0.3),
		tfjs: tensorConditionalElu(0.3),
	},
];
