/**
 * The numeric kernel: the catalog of activations, the expression interpreter with
 * forward-mode gradients, kinks and grid sampling. Imports nothing from the block,
 * chart or Obsidian layers.
 */
export type {
	Activation,
	Formula,
	Kink,
	ParameterDefinition,
	ParameterValues,
	Sampled,
} from "./types";
export { MAX_SAMPLES } from "./types";
export { compileActivation } from "./activation";
export { CATALOG, findCatalogEntry } from "./catalog";
export type { CatalogEntry, CatalogKernel } from "./catalog";
export { KernelError } from "./errors";
export { ELEMENTARY_FUNCTIONS, RESERVED_NAMES } from "./expression/names";
export { MAX_DEPTH, MAX_NODES, MAX_SOURCE_LENGTH } from "./expression/parse";
export { KINK_TOLERANCE } from "./expression/kinks";
export { linspace, MIN_SAMPLES, sampleActivation } from "./sample";
export { erf, erfc } from "./special";
export { suggestName } from "./suggest";
