import type { MathNode } from "mathjs";
import { KernelError } from "../errors";
import { MAX_DEPTH, MAX_NODES, SIZE_FIX } from "./parse";

/** Operator families whose left-associative chains read as one level: a + b - c, a * b / c. */
const CHAIN_FAMILY: Readonly<Record<string, string>> = {
	add: "sum",
	subtract: "sum",
	multiply: "product",
	divide: "product",
};

function chainFamily(node: MathNode): string | undefined {
	if (node.type !== "OperatorNode") {
		return undefined;
	}
	const fn = (node as unknown as { fn: string }).fn;
	return Object.prototype.hasOwnProperty.call(CHAIN_FAMILY, fn)
		? CHAIN_FAMILY[fn]
		: undefined;
}

/**
 * Rejects a syntax tree with more than MAX_NODES nodes or deeper than MAX_DEPTH levels.
 * Parentheses are not levels, and neither are the links of a flat chain such as
 * x + x^2 + x^3 + ..., which reads as one level although the parser nests it.
 * Walks the tree with an explicit stack, so a deep tree cannot overflow the call stack.
 */
export function checkTreeSize(root: MathNode): void {
	const stack: { node: MathNode; depth: number }[] = [{ node: root, depth: 1 }];
	let count = 0;
	while (stack.length > 0) {
		const { node, depth } = stack.pop() as { node: MathNode; depth: number };
		count += 1;
		if (count > MAX_NODES) {
			throw new KernelError(
				`expression is too large: more than ${MAX_NODES} nodes (numbers, names, operators and calls); ${SIZE_FIX}`,
			);
		}
		if (depth > MAX_DEPTH) {
			throw new KernelError(
				`expression is nested too deeply: more than ${MAX_DEPTH} levels of operators and calls; write fewer of them inside one another, for example call a catalog activation such as sigmoid(x) in place of its nested formula`,
			);
		}
		const family = chainFamily(node);
		node.forEach((child) => {
			const sameChain = family !== undefined && chainFamily(child) === family;
			const flat =
				sameChain ||
				child.type === "ParenthesisNode" ||
				node.type === "ParenthesisNode";
			stack.push({ node: child, depth: flat ? depth : depth + 1 });
		});
	}
}
