export { parseBlock } from "./parse";
export { evaluateSpec, parametersInEffect } from "./evaluate";
export type {
	EvaluateOptions,
	Mark,
	SeriesSamples,
	SpecSamples,
} from "./evaluate";
export { writeParameters } from "./write-parameters";
export { BLOCK_KEYS } from "./source";
export * from "./spec";
