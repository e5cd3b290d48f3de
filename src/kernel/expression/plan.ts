import type { CatalogEntry } from "../catalog";
import {
	BINARY,
	type BinaryKernel,
	type ScalarLeftKernel,
	type ScalarRightKernel,
} from "./binary";
import {
	accumulateMax,
	accumulateMin,
	type AccumulateKernel,
	type ExtremumTerm,
} from "./fused";
import type { CompiledExpression, ExpressionNode } from "./ir";
import { UNARY, type UnaryKernel } from "./unary";

/**
 * The register that contains the chunk of x, with a gradient of ones. No step writes it.
 * Every other register is a scratch pair of value and gradient arrays, one chunk long.
 */
export const X_REGISTER = 0;

/**
 * One operation of a plan, applied to one chunk of the grid at a time. `result`,
 * `argument`, `left` and `right` are registers; `scalar` indexes the plan's scalars,
 * which are computed once per evaluation. `slot` is the node's branch record or -1.
 */
export type Step =
	| {
			readonly kind: "unary";
			readonly kernel: UnaryKernel;
			readonly argument: number;
			readonly result: number;
			readonly slot: number;
	  }
	| {
			readonly kind: "binary";
			readonly kernel: BinaryKernel;
			readonly left: number;
			readonly right: number;
			readonly result: number;
			readonly slot: number;
	  }
	| {
			readonly kind: "scalarRight";
			readonly kernel: ScalarRightKernel;
			readonly argument: number;
			readonly scalar: number;
			readonly result: number;
			readonly slot: number;
	  }
	| {
			readonly kind: "scalarLeft";
			readonly kernel: ScalarLeftKernel;
			readonly scalar: number;
			readonly argument: number;
			readonly result: number;
	  }
	| {
			readonly kind: "broadcast";
			readonly scalar: number;
			readonly result: number;
	  }
	| {
			readonly kind: "catalog";
			readonly entry: CatalogEntry;
			/** Index into the plan's catalog calls, whose parameter values are resolved per evaluation. */
			readonly call: number;
			readonly argument: number;
			readonly result: number;
			readonly slot: number;
	  }
	| {
			/** result = left alpha + right beta, from a sum or difference of scaled terms. */
			readonly kind: "linear";
			readonly left: number;
			readonly alpha: number;
			readonly right: number;
			readonly beta: number;
			readonly result: number;
	  }
	| {
			/** result = (argument + shift) scale, or argument scale + shift when `shiftFirst` is false. */
			readonly kind: "affine";
			readonly argument: number;
			readonly shift: number;
			readonly scale: number;
			readonly shiftFirst: boolean;
			readonly result: number;
	  }
	| {
			/** result = acc + max(argument, bound) scale, or the same with min. */
			readonly kind: "accumulate";
			readonly kernel: AccumulateKernel;
			readonly acc: number;
			readonly argument: number;
			readonly bound: number;
			readonly scale: number;
			readonly result: number;
			readonly slot: number;
	  }
	| {
			/** result = left (right + shift), a product with a shifted factor. */
			readonly kind: "productShift";
			readonly left: number;
			readonly right: number;
			readonly shift: number;
			readonly result: number;
	  }
	| {
			/** result = first(argument) + second(argument), each a scaled max or min against a constant. */
			readonly kind: "extremumPair";
			readonly argument: number;
			readonly first: ExtremumTerm;
			readonly second: ExtremumTerm;
			readonly result: number;
			readonly firstSlot: number;
			readonly secondSlot: number;
	  }
	| ConditionalStep;

/**
 * `test ? whenTrue : whenFalse`. A varying test runs its steps into `test`; a test
 * that does not depend on x is the scalar `testScalar` and `test` is -1.
 */
export interface ConditionalStep {
	readonly kind: "conditional";
	readonly testSteps: readonly Step[];
	readonly test: number;
	readonly testScalar: number;
	readonly trueSteps: readonly Step[];
	readonly whenTrue: number;
	readonly falseSteps: readonly Step[];
	readonly whenFalse: number;
	readonly result: number;
}

/** A catalog call's parameters: scalar indices, or -1 where the call takes the default. */
export interface CatalogCall {
	readonly entry: CatalogEntry;
	readonly parameters: readonly number[];
}

/**
 * An expression compiled to straight-line steps over registers. Evaluating it runs
 * every step on one chunk of the grid before moving to the next, so the registers
 * stay in the processor's cache instead of streaming whole-grid arrays per node.
 */
export interface Plan {
	readonly steps: readonly Step[];
	/** The register that contains the expression's value and gradient after the steps. */
	readonly result: number;
	readonly registerCount: number;
	/** Subexpressions that do not depend on x, evaluated once per evaluation. */
	readonly scalars: readonly ExpressionNode[];
	readonly calls: readonly CatalogCall[];
}

type BinaryNode = Extract<ExpressionNode, { kind: "binary" }>;

function constantNode(value: number): ExpressionNode {
	return { kind: "number", value, varying: false, boolean: false, slot: -1 };
}

const ONE = constantNode(1);
const MINUS_ONE = constantNode(-1);

/** Builds the negation of a node that does not depend on x, where null is the factor 1. */
function negated(node: ExpressionNode | null): ExpressionNode {
	if (node === null) {
		return MINUS_ONE;
	}
	return {
		kind: "unary",
		operator: "negate",
		argument: node,
		varying: false,
		boolean: false,
		slot: -1,
	};
}

/** True for `left op constant` where op is one of `operators` and left depends on x. */
function isScalarRight(
	node: ExpressionNode,
	operators: readonly string[],
): node is BinaryNode {
	return (
		node.kind === "binary" &&
		operators.includes(node.operator) &&
		node.left.varying &&
		!node.right.varying
	);
}

/** Splits `term * constant` into the term and the constant; any other node has no factor (null). */
function scaledTerm(node: ExpressionNode): {
	term: ExpressionNode;
	scale: ExpressionNode | null;
} {
	if (isScalarRight(node, ["multiply"])) {
		return { term: node.left, scale: node.right };
	}
	return { term: node, scale: null };
}

/** Assigns registers in evaluation order, reusing a register once its value is consumed. */
class Planner {
	private registerCount = 1;
	private readonly free: number[] = [];
	readonly scalars: ExpressionNode[] = [];
	readonly calls: CatalogCall[] = [];

	plan(root: ExpressionNode): Plan {
		const steps: Step[] = [];
		const result = this.vector(root, steps);
		return {
			steps,
			result,
			registerCount: this.registerCount,
			scalars: this.scalars,
			calls: this.calls,
		};
	}

	private take(): number {
		const register = this.free.pop();
		if (register !== undefined) {
			return register;
		}
		this.registerCount += 1;
		return this.registerCount - 1;
	}

	private give(register: number): void {
		if (register !== X_REGISTER) {
			this.free.push(register);
		}
	}

	/** Returns the register for a result: the operand's own when writable, else a new one. */
	private resultFor(operand: number): number {
		return operand === X_REGISTER ? this.take() : operand;
	}

	private scalar(node: ExpressionNode): number {
		this.scalars.push(node);
		return this.scalars.length - 1;
	}

	/** Plans a node that may not depend on x, broadcasting it when it does not. */
	private dual(node: ExpressionNode, steps: Step[]): number {
		if (node.varying) {
			return this.vector(node, steps);
		}
		const result = this.take();
		steps.push({ kind: "broadcast", scalar: this.scalar(node), result });
		return result;
	}

	private vector(node: ExpressionNode, steps: Step[]): number {
		switch (node.kind) {
			case "x":
				return X_REGISTER;
			case "unary": {
				const argument = this.vector(node.argument, steps);
				const result = this.resultFor(argument);
				const kernel = UNARY[node.operator].vector;
				steps.push({
					kind: "unary",
					kernel,
					argument,
					result,
					slot: node.slot,
				});
				return result;
			}
			case "binary":
				return this.binary(node, steps);
			case "conditional":
				return this.conditional(node, steps);
			case "catalog":
				return this.catalog(node, steps);
			default:
				return this.dual(node, steps);
		}
	}

	/** Returns the result register of an operation on two registers and frees the other. */
	private combine(a: number, b: number): number {
		if (a === X_REGISTER) {
			return b === X_REGISTER ? this.take() : b;
		}
		if (b !== a) {
			this.give(b);
		}
		return a;
	}

	/**
	 * Plans a node as one fused step where it has a shape that fused.ts covers, or
	 * returns -1. The fused kernels compute exactly what the separate nodes would.
	 */
	private fused(node: BinaryNode, steps: Step[]): number {
		const { operator, left, right } = node;
		const sum = operator === "add" || operator === "subtract";
		if (sum && left.varying && right.varying) {
			return this.fusedSum(node, steps);
		}
		if (sum && !right.varying && isScalarRight(left, ["multiply"])) {
			// a c + d or a c - d
			const argument = this.vector(left.left, steps);
			const scale = this.scalar(left.right);
			const shift = this.scalar(operator === "add" ? right : negated(right));
			const result = this.resultFor(argument);
			const shiftFirst = false;
			steps.push({
				kind: "affine",
				argument,
				shift,
				scale,
				shiftFirst,
				result,
			});
			return result;
		}
		const scaled = operator === "multiply" && !right.varying;
		if (scaled && isScalarRight(left, ["add", "subtract"])) {
			// (a + d) c or (a - d) c
			const argument = this.vector(left.left, steps);
			const shiftNode =
				left.operator === "add" ? left.right : negated(left.right);
			const shift = this.scalar(shiftNode);
			const scale = this.scalar(right);
			const result = this.resultFor(argument);
			const shiftFirst = true;
			steps.push({
				kind: "affine",
				argument,
				shift,
				scale,
				shiftFirst,
				result,
			});
			return result;
		}
		if (operator === "multiply" && left.varying && right.varying) {
			return this.productShift(left, right, steps);
		}
		return -1;
	}

	/** a (b ± d) or (b ± d) a as one step, or -1 when neither factor is shifted. */
	private productShift(
		left: ExpressionNode,
		right: ExpressionNode,
		steps: Step[],
	): number {
		let factor = left;
		let shifted = right;
		if (!isScalarRight(shifted, ["add", "subtract"])) {
			factor = right;
			shifted = left;
		}
		if (!isScalarRight(shifted, ["add", "subtract"])) {
			return -1;
		}
		const shiftNode =
			shifted.operator === "add" ? shifted.right : negated(shifted.right);
		const a = this.vector(factor, steps);
		const b = this.vector(shifted.left, steps);
		const shift = this.scalar(shiftNode);
		const result = this.combine(a, b);
		steps.push({ kind: "productShift", left: a, right: b, shift, result });
		return result;
	}

	/** a ± max(u, s) c and a ± min(u, s) c as one accumulate step, and a α ± b β as one linear step. */
	private fusedSum(node: BinaryNode, steps: Step[]): number {
		const subtract = node.operator === "subtract";
		const right = scaledTerm(node.right);
		const left = scaledTerm(node.left);
		if (
			isScalarRight(left.term, ["max", "min"]) &&
			isScalarRight(right.term, ["max", "min"]) &&
			left.term.left.kind === "x" &&
			right.term.left.kind === "x"
		) {
			const first = this.extremumTerm(left.term, left.scale ?? ONE);
			const secondScale = subtract
				? negated(right.scale)
				: (right.scale ?? ONE);
			const second = this.extremumTerm(right.term, secondScale);
			const result = this.take();
			steps.push({
				kind: "extremumPair",
				argument: X_REGISTER,
				first,
				second,
				result,
				firstSlot: left.term.slot,
				secondSlot: right.term.slot,
			});
			return result;
		}
		if (isScalarRight(right.term, ["max", "min"])) {
			const scale = subtract ? negated(right.scale) : (right.scale ?? ONE);
			return this.accumulate(node.left, right.term, scale, steps);
		}
		if (!subtract && isScalarRight(left.term, ["max", "min"])) {
			return this.accumulate(node.right, left.term, left.scale ?? ONE, steps);
		}
		if (left.scale === null && right.scale === null) {
			return -1;
		}
		const alpha = this.scalar(left.scale ?? ONE);
		const betaNode = subtract ? negated(right.scale) : (right.scale ?? ONE);
		const beta = this.scalar(betaNode);
		const a = this.vector(left.term, steps);
		const b = this.vector(right.term, steps);
		const result = this.combine(a, b);
		steps.push({ kind: "linear", left: a, alpha, right: b, beta, result });
		return result;
	}

	private extremumTerm(
		extremum: BinaryNode,
		scaleNode: ExpressionNode,
	): ExtremumTerm {
		return {
			isMax: extremum.operator === "max",
			bound: this.scalar(extremum.right),
			scale: this.scalar(scaleNode),
		};
	}

	private accumulate(
		accNode: ExpressionNode,
		extremum: BinaryNode,
		scaleNode: ExpressionNode,
		steps: Step[],
	): number {
		const acc = this.vector(accNode, steps);
		const argument = this.vector(extremum.left, steps);
		const bound = this.scalar(extremum.right);
		const scale = this.scalar(scaleNode);
		const result = this.combine(acc, argument);
		const kernel = extremum.operator === "max" ? accumulateMax : accumulateMin;
		steps.push({
			kind: "accumulate",
			kernel,
			acc,
			argument,
			bound,
			scale,
			result,
			slot: extremum.slot,
		});
		return result;
	}

	private binary(node: BinaryNode, steps: Step[]): number {
		const fused = this.fused(node, steps);
		if (fused >= 0) {
			return fused;
		}
		const definition = BINARY[node.operator];
		const { left, right, slot } = node;
		if (!right.varying && definition.scalarRight !== undefined) {
			const argument = this.vector(left, steps);
			const scalar = this.scalar(right);
			const result = this.resultFor(argument);
			const kernel = definition.scalarRight;
			steps.push({
				kind: "scalarRight",
				kernel,
				argument,
				scalar,
				result,
				slot,
			});
			return result;
		}
		if (!left.varying && definition.scalarLeft !== undefined) {
			const scalar = this.scalar(left);
			const argument = this.vector(right, steps);
			const result = this.resultFor(argument);
			const kernel = definition.scalarLeft;
			steps.push({ kind: "scalarLeft", kernel, scalar, argument, result });
			return result;
		}
		const a = this.dual(left, steps);
		const b = this.dual(right, steps);
		const result = this.combine(a, b);
		const kernel = definition.vector;
		steps.push({ kind: "binary", kernel, left: a, right: b, result, slot });
		return result;
	}

	/**
	 * Plans both branches into their own step lists, so that a chunk where the test
	 * is all true or all false runs only the branch it takes.
	 */
	private conditional(
		node: Extract<ExpressionNode, { kind: "conditional" }>,
		steps: Step[],
	): number {
		const testSteps: Step[] = [];
		let test = -1;
		let testScalar = -1;
		if (node.test.varying) {
			test = this.vector(node.test, testSteps);
		} else {
			testScalar = this.scalar(node.test);
		}
		const trueSteps: Step[] = [];
		const whenTrue = this.dual(node.whenTrue, trueSteps);
		const falseSteps: Step[] = [];
		const whenFalse = this.dual(node.whenFalse, falseSteps);
		let result = whenTrue;
		if (whenTrue === X_REGISTER) {
			result = whenFalse === X_REGISTER ? this.take() : whenFalse;
		} else if (whenFalse !== whenTrue) {
			this.give(whenFalse);
		}
		if (test >= 0) {
			this.give(test);
		}
		steps.push({
			kind: "conditional",
			testSteps,
			test,
			testScalar,
			trueSteps,
			whenTrue,
			falseSteps,
			whenFalse,
			result,
		});
		return result;
	}

	private catalog(
		node: Extract<ExpressionNode, { kind: "catalog" }>,
		steps: Step[],
	): number {
		const parameters = node.entry.parameters.map((_definition, index) => {
			const argument = node.parameters[index];
			return argument === undefined ? -1 : this.scalar(argument);
		});
		this.calls.push({ entry: node.entry, parameters });
		const call = this.calls.length - 1;
		const argument = this.vector(node.argument, steps);
		const result = this.resultFor(argument);
		steps.push({
			kind: "catalog",
			entry: node.entry,
			call,
			argument,
			result,
			slot: node.slot,
		});
		return result;
	}
}

/** Compiles a varying expression into steps over chunk-sized registers. */
export function planExpression(compiled: CompiledExpression): Plan {
	return new Planner().plan(compiled.root);
}
