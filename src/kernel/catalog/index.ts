import type { CatalogEntry } from "./entry";
import {
	celu,
	elu,
	logsigmoid,
	selu,
	sigmoid,
	softplus,
	softsign,
	squareplus,
	tanh,
	tanhshrink,
} from "./exponential";
import { gelu, geluTanh, mish, silu, swish } from "./gated";
import {
	hardshrink,
	hardsigmoid,
	hardswish,
	hardtanh,
	identity,
	leakyRelu,
	prelu,
	relu,
	relu6,
	rrelu,
	softshrink,
	threshold,
} from "./rectifiers";

export type { CatalogEntry, CatalogKernel, ParameterRule } from "./entry";
export { brokenRule, describeRule } from "./entry";

/** Every catalog activation, in the order the docs list them. */
export const CATALOG: readonly CatalogEntry[] = [
	relu,
	relu6,
	leakyRelu,
	prelu,
	rrelu,
	elu,
	selu,
	celu,
	gelu,
	geluTanh,
	silu,
	swish,
	mish,
	softplus,
	softsign,
	sigmoid,
	tanh,
	tanhshrink,
	hardsigmoid,
	hardtanh,
	hardswish,
	logsigmoid,
	softshrink,
	hardshrink,
	threshold,
	squareplus,
	identity,
];

const BY_NAME = new Map(CATALOG.map((entry) => [entry.name, entry]));

/** The catalog entry with exactly this name, or undefined. */
export function findCatalogEntry(name: string): CatalogEntry | undefined {
	return BY_NAME.get(name);
}

/** Fills in defaults: the entry's parameter values in definition order. */
export function resolveCatalogParameters(
	entry: CatalogEntry,
	values: Readonly<Record<string, number>>,
): number[] {
	return entry.parameters.map((definition) =>
		Object.prototype.hasOwnProperty.call(values, definition.name)
			? (values[definition.name] as number)
			: definition.default,
	);
}
