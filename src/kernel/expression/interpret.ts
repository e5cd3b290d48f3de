import type { CatalogEntry } from "../catalog";
import { BINARY } from "./binary";
import { CODE_NAN, type CompiledExpression, type ExpressionNode } from "./ir";
import { UNARY } from "./unary";

/** Values and derivatives of one node over the whole grid. */
interface Dual {
	value: Float64Array;
	gradient: Float64Array;
	/** True when both arrays are scratch buffers that this evaluation may overwrite. */
	owned: boolean;
}

/** Reusable scratch arrays of one length, so evaluating allocates nothing per point. */
class BufferPool {
	private readonly free: Float64Array[] = [];
	readonly ones: Float64Array;

	constructor(readonly length: number) {
		this.ones = new Float64Array(length).fill(1);
	}

	take(): Float64Array {
		return this.free.pop() ?? new Float64Array(this.length);
	}

	give(buffer: Float64Array): void {
		this.free.push(buffer);
	}
}

/** How many grid lengths keep their scratch arrays between evaluations. */
const MAX_POOLS = 3;

/** Returns the branch code of z against sorted breakpoints: 2j between the j-th and next, 2j+1 on the j-th. */
function regionCode(z: number, breakpoints: readonly number[]): number {
	if (Number.isNaN(z)) {
		return CODE_NAN;
	}
	let code = 0;
	for (const point of breakpoints) {
		if (z > point) {
			code += 2;
		} else {
			return z === point ? code + 1 : code;
		}
	}
	return code;
}

/**
 * NOTE: each node makes one pass over the grid, so an expression of cheap piecewise
 * operations (max(0, x) + 0.1 * min(0, x)) runs at about 0.2x a fused hand-written
 * loop, measured with scripts/bench.mjs on a loaded 2-core machine. Expressions with
 * exp, erf or sigmoid stay above 0.5x because the transcendental work dominates.
 *
 * The vectorised forward-mode interpreter. Each node computes its value and derivative
 * for every grid point in one loop, so the cost of interpretation is per node, not per
 * point. Nodes that do not depend on x are computed once as plain numbers.
 */
export class ExpressionEvaluator {
	/** Pools by grid length; a few are kept because kink search evaluates other lengths. */
	private readonly pools = new Map<number, BufferPool>();
	private pool: BufferPool | null = null;
	private parameters: Float64Array = new Float64Array(0);
	private codes: Int8Array[] | null = null;
	private readonly scratchInput = new Float64Array(1);
	private readonly scratchValue = new Float64Array(1);
	private readonly scratchGradient = new Float64Array(1);

	constructor(readonly compiled: CompiledExpression) {}

	/**
	 * Writes the expression's value and derivative at every x into `value` and
	 * `gradient`. `parameters` are values in the order of `compiled.declared`. When
	 * `codes` is given (one Int8Array of x's length per branch record), each branching
	 * node writes the branch it took at every point.
	 */
	evaluate(
		x: Float64Array,
		parameters: Float64Array,
		value: Float64Array,
		gradient: Float64Array,
		codes: Int8Array[] | null = null,
	): void {
		this.parameters = parameters;
		this.codes = codes;
		const root = this.compiled.root;
		if (!root.varying) {
			value.fill(this.scalar(root));
			gradient.fill(0);
			return;
		}
		this.pool = this.poolFor(x.length);
		const result = this.vector(root, x);
		value.set(result.value);
		gradient.set(result.gradient);
		this.release(result);
		this.codes = null;
	}

	private poolFor(length: number): BufferPool {
		let pool = this.pools.get(length);
		if (pool === undefined) {
			if (this.pools.size >= MAX_POOLS) {
				const oldest = this.pools.keys().next().value as number;
				this.pools.delete(oldest);
			}
			pool = new BufferPool(length);
		} else {
			this.pools.delete(length);
		}
		this.pools.set(length, pool);
		return pool;
	}

	private get buffers(): BufferPool {
		return this.pool as BufferPool;
	}

	private fresh(): Dual {
		return {
			value: this.buffers.take(),
			gradient: this.buffers.take(),
			owned: true,
		};
	}

	/** Picks an operand's scratch arrays for a result, or fresh ones when neither is owned. */
	private reuse(first: Dual, second: Dual): Dual {
		if (first.owned) {
			return first;
		}
		if (second.owned) {
			return second;
		}
		return this.fresh();
	}

	private release(dual: Dual): void {
		if (dual.owned) {
			this.buffers.give(dual.value);
			this.buffers.give(dual.gradient);
		}
	}

	private codesFor(node: ExpressionNode): Int8Array | null {
		return node.slot >= 0 && this.codes !== null
			? (this.codes[node.slot] ?? null)
			: null;
	}

	/** Evaluates a node over the grid, or broadcasts its value when it does not depend on x. */
	private dual(node: ExpressionNode, x: Float64Array): Dual {
		if (node.varying) {
			return this.vector(node, x);
		}
		const result = this.fresh();
		result.value.fill(this.scalar(node));
		result.gradient.fill(0);
		return result;
	}

	private vector(node: ExpressionNode, x: Float64Array): Dual {
		switch (node.kind) {
			case "x":
				return { value: x, gradient: this.buffers.ones, owned: false };
			case "unary": {
				const argument = this.vector(node.argument, x);
				const result = argument.owned ? argument : this.fresh();
				UNARY[node.operator].vector(
					argument.value,
					argument.gradient,
					result.value,
					result.gradient,
					this.codesFor(node),
				);
				return result;
			}
			case "binary":
				return this.binary(node, x);
			case "conditional":
				return this.conditional(node, x);
			case "catalog":
				return this.catalog(node, x);
			default:
				return this.dual(node, x);
		}
	}

	private binary(
		node: Extract<ExpressionNode, { kind: "binary" }>,
		x: Float64Array,
	): Dual {
		const definition = BINARY[node.operator];
		const { left, right } = node;
		const codes = this.codesFor(node);
		if (!right.varying && definition.scalarRight !== undefined) {
			const a = this.vector(left, x);
			const s = this.scalar(right);
			const result = a.owned ? a : this.fresh();
			definition.scalarRight(
				a.value,
				a.gradient,
				s,
				result.value,
				result.gradient,
				codes,
			);
			return result;
		}
		if (!left.varying && definition.scalarLeft !== undefined) {
			const s = this.scalar(left);
			const b = this.vector(right, x);
			const result = b.owned ? b : this.fresh();
			definition.scalarLeft(
				s,
				b.value,
				b.gradient,
				result.value,
				result.gradient,
			);
			return result;
		}
		const a = this.dual(left, x);
		const b = this.dual(right, x);
		const result = this.reuse(a, b);
		definition.vector(
			a.value,
			a.gradient,
			b.value,
			b.gradient,
			result.value,
			result.gradient,
			codes,
		);
		if (result !== b) {
			this.release(b);
		}
		return result;
	}

	/** `test ? whenTrue : whenFalse` takes the value and derivative of the branch it selects. */
	private conditional(
		node: Extract<ExpressionNode, { kind: "conditional" }>,
		x: Float64Array,
	): Dual {
		if (!node.test.varying) {
			return this.dual(
				this.scalar(node.test) ? node.whenTrue : node.whenFalse,
				x,
			);
		}
		const test = this.vector(node.test, x);
		const whenTrue = this.dual(node.whenTrue, x);
		const whenFalse = this.dual(node.whenFalse, x);
		const result = this.reuse(whenTrue, whenFalse);
		const t = test.value;
		const { value: trueValue, gradient: trueGradient } = whenTrue;
		const { value: falseValue, gradient: falseGradient } = whenFalse;
		const { value, gradient } = result;
		for (let i = 0; i < t.length; i++) {
			if (t[i]) {
				value[i] = trueValue[i] as number;
				gradient[i] = trueGradient[i] as number;
			} else {
				value[i] = falseValue[i] as number;
				gradient[i] = falseGradient[i] as number;
			}
		}
		this.release(test);
		if (result !== whenTrue) {
			this.release(whenTrue);
		}
		if (result !== whenFalse) {
			this.release(whenFalse);
		}
		return result;
	}

	private catalogParameters(
		node: Extract<ExpressionNode, { kind: "catalog" }>,
	): number[] {
		return node.entry.parameters.map((definition, index) => {
			const argument = node.parameters[index];
			return argument === undefined
				? definition.default
				: this.scalar(argument);
		});
	}

	/** A catalog call f(u, ...): the entry's kernel, then the chain rule f'(u) * u'. */
	private catalog(
		node: Extract<ExpressionNode, { kind: "catalog" }>,
		x: Float64Array,
	): Dual {
		const parameters = this.catalogParameters(node);
		const argument = this.vector(node.argument, x);
		const codes = this.codesFor(node);
		if (codes !== null) {
			const breakpoints = node.entry.breakpoints(parameters);
			const u = argument.value;
			for (let i = 0; i < u.length; i++) {
				codes[i] = regionCode(u[i] as number, breakpoints);
			}
		}
		const value = argument.owned ? argument.value : this.buffers.take();
		const gradient = this.buffers.take();
		const chain = argument.gradient;
		node.entry.evaluate(argument.value, parameters, value, gradient);
		if (chain !== this.buffers.ones) {
			for (let i = 0; i < gradient.length; i++) {
				gradient[i] = (gradient[i] as number) * (chain[i] as number);
			}
		}
		if (argument.owned) {
			this.buffers.give(argument.gradient);
		}
		return { value, gradient, owned: true };
	}

	private scalarCatalog(
		entry: CatalogEntry,
		u: number,
		parameters: readonly number[],
	): number {
		this.scratchInput[0] = u;
		entry.evaluate(
			this.scratchInput,
			parameters,
			this.scratchValue,
			this.scratchGradient,
		);
		return this.scratchValue[0] as number;
	}

	/** Evaluates a node that does not depend on x to a single number. */
	private scalar(node: ExpressionNode): number {
		switch (node.kind) {
			case "number":
				return node.value;
			case "parameter":
				return this.parameters[node.index] as number;
			case "unary":
				return UNARY[node.operator].scalar(this.scalar(node.argument));
			case "binary":
				return BINARY[node.operator].scalar(
					this.scalar(node.left),
					this.scalar(node.right),
				);
			case "conditional":
				return this.scalar(node.test)
					? this.scalar(node.whenTrue)
					: this.scalar(node.whenFalse);
			case "catalog":
				return this.scalarCatalog(
					node.entry,
					this.scalar(node.argument),
					this.catalogParameters(node),
				);
			case "x":
				throw new Error("internal error: x reached the scalar evaluator");
		}
	}
}
