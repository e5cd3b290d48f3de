import type { CatalogEntry } from "../catalog";
import { BINARY } from "./binary";
import {
	extremumPairKernel,
	linearKernel,
	productShiftKernel,
	scaleShiftKernel,
	shiftScaleKernel,
} from "./fused";
import { CODE_NAN, type CompiledExpression, type ExpressionNode } from "./ir";
import {
	planExpression,
	X_REGISTER,
	type ConditionalStep,
	type Plan,
	type Step,
} from "./plan";
import { UNARY } from "./unary";

/**
 * Grid points per chunk. The plan runs all its steps over one chunk before the next,
 * so a chunk's registers (8 KiB per array at 1024 points) stay in the L1 and L2
 * caches. On a loaded 2-core AMD EPYC, chunks of 512 and 2048 points measured within
 * the noise of 1024 (scripts/bench.mjs and a loop over evaluate).
 */
export const CHUNK_LENGTH = 1024;

/**
 * The registers for one chunk length, plus scratch for a catalog call's own derivative.
 * `values` and `gradients` are the working set: per chunk, the x register's value
 * becomes a view of the grid and the result register a view of the caller's arrays,
 * while `ownValues` and `ownGradients` keep the scratch arrays to restore.
 */
interface Frame {
	readonly length: number;
	readonly values: Float64Array[];
	readonly gradients: Float64Array[];
	readonly ownValues: readonly Float64Array[];
	readonly ownGradients: readonly Float64Array[];
	readonly scratch: Float64Array;
}

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

function createFrame(registerCount: number): Frame {
	const values: Float64Array[] = [];
	const gradients: Float64Array[] = [];
	for (let register = 0; register < registerCount; register++) {
		values.push(new Float64Array(CHUNK_LENGTH));
		gradients.push(
			register === X_REGISTER
				? new Float64Array(CHUNK_LENGTH).fill(1)
				: new Float64Array(CHUNK_LENGTH),
		);
	}
	const scratch = new Float64Array(CHUNK_LENGTH);
	return {
		length: CHUNK_LENGTH,
		values: [...values],
		gradients: [...gradients],
		ownValues: values,
		ownGradients: gradients,
		scratch,
	};
}

/** Builds the frame of a shorter chunk from views of the full frame's first `length` points. */
function shortenFrame(frame: Frame, length: number): Frame {
	const values = frame.ownValues.map((array) => array.subarray(0, length));
	const gradients = frame.ownGradients.map((array) =>
		array.subarray(0, length),
	);
	return {
		length,
		values: [...values],
		gradients: [...gradients],
		ownValues: values,
		ownGradients: gradients,
		scratch: frame.scratch.subarray(0, length),
	};
}

function copyDual(
	fromValue: Float64Array,
	fromGradient: Float64Array,
	value: Float64Array,
	gradient: Float64Array,
): void {
	if (fromValue === value) {
		return;
	}
	for (let i = 0; i < value.length; i++) {
		value[i] = fromValue[i] as number;
		gradient[i] = fromGradient[i] as number;
	}
}

/** Copies a register into value and gradient from index `start` on. */
function copyRange(
	frame: Frame,
	register: number,
	value: Float64Array,
	gradient: Float64Array,
	start: number,
): void {
	const fromValue = frame.values[register] as Float64Array;
	const fromGradient = frame.gradients[register] as Float64Array;
	for (let i = 0; i < frame.length; i++) {
		value[start + i] = fromValue[i] as number;
		gradient[start + i] = fromGradient[i] as number;
	}
}

/** Counts the points where the test is true (non-zero). */
function countTrue(test: Float64Array): number {
	let count = 0;
	for (let i = 0; i < test.length; i++) {
		if (test[i]) {
			count++;
		}
	}
	return count;
}

/**
 * The forward-mode interpreter. It compiles the expression once into a plan of steps
 * over registers, then runs the plan chunk by chunk over the grid. Each step is one
 * loop over the chunk, so the cost of interpretation is per step and chunk, not per
 * point. Subexpressions that do not depend on x are computed once per evaluation.
 */
export class ExpressionEvaluator {
	private readonly plan: Plan | null;
	private frame: Frame | null = null;
	/** The frame of the last chunk shorter than CHUNK_LENGTH, kept for the next evaluation. */
	private shortFrame: Frame | null = null;
	private parameters: Float64Array = new Float64Array(0);
	private readonly scalarValues: Float64Array;
	/** Parameter values of each catalog call, filled in per evaluation. */
	private readonly callParameters: number[][];
	/** Each branch record's codes for the current chunk, or null when none are recorded. */
	private chunkCodes: Int8Array[] | null = null;
	private readonly scratchInput = new Float64Array(1);
	private readonly scratchValue = new Float64Array(1);
	private readonly scratchGradient = new Float64Array(1);

	constructor(readonly compiled: CompiledExpression) {
		this.plan = compiled.root.varying ? planExpression(compiled) : null;
		this.scalarValues = new Float64Array(this.plan?.scalars.length ?? 0);
		this.callParameters = (this.plan?.calls ?? []).map((call) =>
			call.entry.parameters.map((definition) => definition.default),
		);
	}

	/**
	 * Writes the expression's value and derivative at every x into `value` and
	 * `gradient`. `parameters` are values in the order of `compiled.declared`. When
	 * `codes` is given (one Int8Array of x's length per branch record), each branching
	 * node writes the branch it took at every point. A conditional whose test depends
	 * on x then evaluates both branches everywhere, so that their records are complete.
	 */
	evaluate(
		x: Float64Array,
		parameters: Float64Array,
		value: Float64Array,
		gradient: Float64Array,
		codes: Int8Array[] | null = null,
	): void {
		this.parameters = parameters;
		const plan = this.plan;
		if (plan === null) {
			value.fill(this.scalar(this.compiled.root));
			gradient.fill(0);
			return;
		}
		this.resolveScalars(plan);
		// The steps write the result straight into the caller's arrays, using them as
		// the result register's scratch, unless that could overwrite x before it is read.
		const direct =
			plan.result !== X_REGISTER &&
			value.buffer !== x.buffer &&
			gradient.buffer !== x.buffer &&
			value.buffer !== gradient.buffer;
		const n = x.length;
		for (let start = 0; start < n; start += CHUNK_LENGTH) {
			const length = Math.min(CHUNK_LENGTH, n - start);
			const end = start + length;
			const frame = this.frameFor(length);
			this.chunkCodes =
				codes === null ? null : this.sliceCodes(codes, start, end);
			frame.values[X_REGISTER] = x.subarray(start, end);
			if (direct) {
				frame.values[plan.result] = value.subarray(start, end);
				frame.gradients[plan.result] = gradient.subarray(start, end);
				this.run(plan.steps, frame);
			} else {
				this.run(plan.steps, frame);
				copyRange(frame, plan.result, value, gradient, start);
			}
		}
		this.restoreRegisters(plan);
		this.chunkCodes = null;
	}

	/** Points the result register back at its scratch arrays, so no view of the caller's arrays is kept. */
	private restoreRegisters(plan: Plan): void {
		for (const frame of [this.frame, this.shortFrame]) {
			if (frame !== null) {
				frame.values[plan.result] = frame.ownValues[
					plan.result
				] as Float64Array;
				frame.gradients[plan.result] = frame.ownGradients[
					plan.result
				] as Float64Array;
				frame.values[X_REGISTER] = frame.ownValues[X_REGISTER] as Float64Array;
			}
		}
	}

	private frameFor(length: number): Frame {
		if (this.frame === null) {
			this.frame = createFrame((this.plan as Plan).registerCount);
		}
		if (length === CHUNK_LENGTH) {
			return this.frame;
		}
		if (this.shortFrame?.length !== length) {
			this.shortFrame = shortenFrame(this.frame, length);
		}
		return this.shortFrame;
	}

	private sliceCodes(
		codes: readonly Int8Array[],
		start: number,
		end: number,
	): Int8Array[] {
		return codes.map((record) => record.subarray(start, end));
	}

	private codesFor(slot: number): Int8Array | null {
		if (slot < 0 || this.chunkCodes === null) {
			return null;
		}
		return this.chunkCodes[slot] ?? null;
	}

	/** Computes the plan's scalars and catalog parameters for this evaluation's parameters. */
	private resolveScalars(plan: Plan): void {
		plan.scalars.forEach((node, index) => {
			this.scalarValues[index] = this.scalar(node);
		});
		plan.calls.forEach((call, index) => {
			const values = this.callParameters[index] as number[];
			call.parameters.forEach((scalar, k) => {
				values[k] =
					scalar < 0
						? (call.entry.parameters[k]?.default as number)
						: (this.scalarValues[scalar] as number);
			});
		});
	}

	private run(steps: readonly Step[], frame: Frame): void {
		const { values, gradients } = frame;
		for (const step of steps) {
			switch (step.kind) {
				case "unary":
					step.kernel(
						values[step.argument] as Float64Array,
						gradients[step.argument] as Float64Array,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
						this.codesFor(step.slot),
					);
					break;
				case "binary":
					step.kernel(
						values[step.left] as Float64Array,
						gradients[step.left] as Float64Array,
						values[step.right] as Float64Array,
						gradients[step.right] as Float64Array,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
						this.codesFor(step.slot),
					);
					break;
				case "scalarRight":
					step.kernel(
						values[step.argument] as Float64Array,
						gradients[step.argument] as Float64Array,
						this.scalarValues[step.scalar] as number,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
						this.codesFor(step.slot),
					);
					break;
				case "scalarLeft":
					step.kernel(
						this.scalarValues[step.scalar] as number,
						values[step.argument] as Float64Array,
						gradients[step.argument] as Float64Array,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
					);
					break;
				case "broadcast":
					(values[step.result] as Float64Array).fill(
						this.scalarValues[step.scalar] as number,
					);
					(gradients[step.result] as Float64Array).fill(0);
					break;
				case "linear":
					linearKernel(
						values[step.left] as Float64Array,
						gradients[step.left] as Float64Array,
						this.scalarValues[step.alpha] as number,
						values[step.right] as Float64Array,
						gradients[step.right] as Float64Array,
						this.scalarValues[step.beta] as number,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
					);
					break;
				case "affine":
					this.affine(step, frame);
					break;
				case "productShift":
					productShiftKernel(
						values[step.left] as Float64Array,
						gradients[step.left] as Float64Array,
						values[step.right] as Float64Array,
						gradients[step.right] as Float64Array,
						this.scalarValues[step.shift] as number,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
					);
					break;
				case "accumulate":
					step.kernel(
						values[step.acc] as Float64Array,
						gradients[step.acc] as Float64Array,
						values[step.argument] as Float64Array,
						gradients[step.argument] as Float64Array,
						this.scalarValues[step.bound] as number,
						this.scalarValues[step.scale] as number,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
						this.codesFor(step.slot),
					);
					break;
				case "extremumPair":
					extremumPairKernel(
						values[step.argument] as Float64Array,
						gradients[step.argument] as Float64Array,
						this.scalarValues,
						step.first,
						step.second,
						values[step.result] as Float64Array,
						gradients[step.result] as Float64Array,
						this.codesFor(step.firstSlot),
						this.codesFor(step.secondSlot),
					);
					break;
				case "catalog":
					this.catalog(step, frame);
					break;
				case "conditional":
					this.conditional(step, frame);
					break;
			}
		}
	}

	private affine(step: Extract<Step, { kind: "affine" }>, frame: Frame): void {
		const kernel = step.shiftFirst ? shiftScaleKernel : scaleShiftKernel;
		const shift = this.scalarValues[step.shift] as number;
		const scale = this.scalarValues[step.scale] as number;
		kernel(
			frame.values[step.argument] as Float64Array,
			frame.gradients[step.argument] as Float64Array,
			step.shiftFirst ? shift : scale,
			step.shiftFirst ? scale : shift,
			frame.values[step.result] as Float64Array,
			frame.gradients[step.result] as Float64Array,
		);
	}

	/** A catalog call f(u, ...): the entry's kernel, then the chain rule f'(u) * u'. */
	private catalog(
		step: Extract<Step, { kind: "catalog" }>,
		frame: Frame,
	): void {
		const parameters = this.callParameters[step.call] as number[];
		const u = frame.values[step.argument] as Float64Array;
		const chain = frame.gradients[step.argument] as Float64Array;
		const value = frame.values[step.result] as Float64Array;
		const gradient = frame.gradients[step.result] as Float64Array;
		const codes = this.codesFor(step.slot);
		if (codes !== null) {
			const breakpoints = step.entry.breakpoints(parameters);
			for (let i = 0; i < u.length; i++) {
				codes[i] = regionCode(u[i] as number, breakpoints);
			}
		}
		if (step.argument === X_REGISTER) {
			step.entry.evaluate(u, parameters, value, gradient);
			return;
		}
		const own = frame.scratch;
		step.entry.evaluate(u, parameters, value, own);
		for (let i = 0; i < gradient.length; i++) {
			gradient[i] = (own[i] as number) * (chain[i] as number);
		}
	}

	/**
	 * `test ? whenTrue : whenFalse` takes the value and derivative of the branch it
	 * selects. A chunk where the test is all true or all false (most chunks of a
	 * sorted grid) runs only that branch.
	 */
	private conditional(step: ConditionalStep, frame: Frame): void {
		const { values, gradients } = frame;
		let trueCount = 0;
		if (step.test < 0) {
			trueCount = this.scalarValues[step.testScalar] ? frame.length : 0;
		} else {
			this.run(step.testSteps, frame);
			trueCount =
				this.chunkCodes === null
					? countTrue(values[step.test] as Float64Array)
					: -1;
		}
		const value = values[step.result] as Float64Array;
		const gradient = gradients[step.result] as Float64Array;

		if (trueCount === frame.length || trueCount === 0) {
			const taken = trueCount === 0 ? step.whenFalse : step.whenTrue;
			this.run(trueCount === 0 ? step.falseSteps : step.trueSteps, frame);
			copyDual(
				values[taken] as Float64Array,
				gradients[taken] as Float64Array,
				value,
				gradient,
			);
			return;
		}

		this.run(step.trueSteps, frame);
		this.run(step.falseSteps, frame);
		const t = values[step.test] as Float64Array;
		const trueValue = values[step.whenTrue] as Float64Array;
		const trueGradient = gradients[step.whenTrue] as Float64Array;
		const falseValue = values[step.whenFalse] as Float64Array;
		const falseGradient = gradients[step.whenFalse] as Float64Array;
		for (let i = 0; i < t.length; i++) {
			if (t[i]) {
				value[i] = trueValue[i] as number;
				gradient[i] = trueGradient[i] as number;
			} else {
				value[i] = falseValue[i] as number;
				gradient[i] = falseGradient[i] as number;
			}
		}
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

	private scalarCatalogParameters(
		node: Extract<ExpressionNode, { kind: "catalog" }>,
	): number[] {
		return node.entry.parameters.map((definition, index) => {
			const argument = node.parameters[index];
			return argument === undefined
				? definition.default
				: this.scalar(argument);
		});
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
					this.scalarCatalogParameters(node),
				);
			case "x":
				throw new Error("internal error: x reached the scalar evaluator");
		}
	}
}
