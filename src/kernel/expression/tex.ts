import type { MathNode } from "mathjs";

/**
 * LaTeX commands for the functions an expression may call. mathjs renders function
 * calls by converting every argument twice, which takes time exponential in the
 * nesting depth, so every call goes through this table instead.
 */
const FUNCTION_TEX: Readonly<Record<string, (args: string[]) => string>> = {
	exp: (args) => String.raw`\exp\left(${args.join(", ")}\right)`,
	log: (args) => String.raw`\ln\left(${args.join(", ")}\right)`,
	sqrt: (args) => String.raw`\sqrt{${args.join(", ")}}`,
	cbrt: (args) => String.raw`\sqrt[3]{${args.join(", ")}}`,
	abs: (args) => String.raw`\left|${args.join(", ")}\right|`,
	pow: (args) => String.raw`\left(${args[0] ?? ""}\right)^{${args[1] ?? ""}}`,
	sin: (args) => String.raw`\sin\left(${args.join(", ")}\right)`,
	cos: (args) => String.raw`\cos\left(${args.join(", ")}\right)`,
	tan: (args) => String.raw`\tan\left(${args.join(", ")}\right)`,
	sinh: (args) => String.raw`\sinh\left(${args.join(", ")}\right)`,
	cosh: (args) => String.raw`\cosh\left(${args.join(", ")}\right)`,
	tanh: (args) => String.raw`\tanh\left(${args.join(", ")}\right)`,
	min: (args) => String.raw`\min\left(${args.join(", ")}\right)`,
	max: (args) => String.raw`\max\left(${args.join(", ")}\right)`,
};

/** An upright operator name with TeX's special underscore escaped: \operatorname{leaky\_relu}. */
function operatorName(name: string): string {
	return String.raw`\operatorname{${name.replace(/_/g, "\\_")}}`;
}

/**
 * LaTeX for an accepted expression tree, through mathjs's toTex with every function
 * call rendered here in one pass over its arguments.
 */
export function expressionTex(tree: MathNode): string {
	const handler = (node: MathNode, options: object): string | undefined => {
		if (node.type !== "FunctionNode") {
			return undefined;
		}
		const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
		const name = call.fn.name ?? "";
		const args = call.args.map((arg) => arg.toTex(options));
		const render = Object.prototype.hasOwnProperty.call(FUNCTION_TEX, name)
			? FUNCTION_TEX[name]
			: undefined;
		return render !== undefined
			? render(args)
			: String.raw`${operatorName(name)}\left(${args.join(", ")}\right)`;
	};
	return tree.toTex({ handler });
}
