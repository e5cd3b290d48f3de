// Hand-made activations and specs for chart tests that must not depend on the kernel or
// the block parser: each fake computes its value, gradient and kinks in closed form.
import type {
	ActivationSpec,
	Annotation,
	Layout,
	Panel,
} from "../../src/block/spec";
import type {
	Activation,
	Kink,
	ParameterDefinition,
	Sampled,
} from "../../src/kernel/types";
import type { ChartSamples, EvaluateOptions } from "../../src/chart/samples";

type Pointwise = (
	x: number,
	parameters: Record<string, number>,
) => [number, number];

interface FakeDefinition {
	label: string;
	parameters: ParameterDefinition[];
	pointwise: Pointwise;
	kinks: (parameters: Record<string, number>) => Kink[];
	gradientFormula: string | null;
}

function parametersWithDefaults(
	definition: FakeDefinition,
	given: Record<string, number>,
): Record<string, number> {
	const values: Record<string, number> = {};
	for (const parameter of definition.parameters) {
		values[parameter.name] = given[parameter.name] ?? parameter.default;
	}
	return values;
}

function fakeActivation(definition: FakeDefinition): Activation {
	return {
		source: definition.label,
		label: definition.label,
		kind: definition.gradientFormula === null ? "expression" : "catalog",
		parameters: definition.parameters,
		formula: {
			value: `\\operatorname{${definition.label}}(x)`,
			gradient: definition.gradientFormula,
		},
		evaluate(x, parameters, value, gradient) {
			const values = parametersWithDefaults(definition, parameters);
			x.forEach((xi, i) => {
				const [v, g] = definition.pointwise(xi, values);
				value[i] = v;
				gradient[i] = g;
			});
		},
		kinks(x, parameters) {
			const first = x[0] ?? 0;
			const last = x[x.length - 1] ?? 0;
			return definition
				.kinks(parametersWithDefaults(definition, parameters))
				.filter((k) => k.x >= first && k.x <= last);
		},
	};
}

export const FAKES: Record<string, FakeDefinition> = {
	leaky_relu: {
		label: "leaky_relu",
		parameters: [
			{ name: "negative_slope", default: 0.01, min: 0, max: 1, step: 0.01 },
		],
		pointwise: (x, p) => {
			const slope = p.negative_slope ?? 0.01;
			return x > 0 ? [x, 1] : [slope * x, slope];
		},
		kinks: (p) => {
			const slope = p.negative_slope ?? 0.01;
			return [
				{
					x: 0,
					value: 0,
					valueLeft: 0,
					valueRight: 0,
					gradient: slope,
					gradientLeft: slope,
					gradientRight: 1,
				},
			];
		},
		gradientFormula: "1",
	},
	relu: {
		label: "relu",
		parameters: [],
		pointwise: (x) => (x > 0 ? [x, 1] : [0, 0]),
		kinks: () => [
			{
				x: 0,
				value: 0,
				valueLeft: 0,
				valueRight: 0,
				gradient: 0,
				gradientLeft: 0,
				gradientRight: 1,
			},
		],
		gradientFormula: "1",
	},
	sigmoid: {
		label: "sigmoid",
		parameters: [],
		pointwise: (x) => {
			const s = 1 / (1 + Math.exp(-x));
			return [s, s * (1 - s)];
		},
		kinks: () => [],
		gradientFormula: "\\sigma(x)(1 - \\sigma(x))",
	},
	tanh: {
		label: "tanh",
		parameters: [],
		pointwise: (x) => [Math.tanh(x), 1 - Math.tanh(x) ** 2],
		kinks: () => [],
		gradientFormula: "1 - \\tanh^2 x",
	},
	threshold: {
		label: "threshold",
		parameters: [{ name: "value", default: -1, min: -2, max: 2, step: 0.1 }],
		pointwise: (x, p) => (x > 1 ? [x, 1] : [p.value ?? -1, 0]),
		kinks: (p) => [
			{
				x: 1,
				value: p.value ?? -1,
				valueLeft: p.value ?? -1,
				valueRight: 1,
				gradient: 0,
				gradientLeft: 0,
				gradientRight: 1,
			},
		],
		gradientFormula: null,
	},
	log: {
		label: "log",
		parameters: [],
		pointwise: (x) => [Math.log(x), 1 / x],
		kinks: () => [],
		gradientFormula: null,
	},
};

export interface FakeSpecOptions {
	functions: string[];
	layout?: Layout;
	show?: Panel[];
	at?: number[];
	annotate?: Annotation[];
	caption?: boolean;
	samples?: number;
	domain?: [number, number];
	title?: string;
}

export function fakeSpec(options: FakeSpecOptions): ActivationSpec {
	const definitions = options.functions.map((name) => {
		const definition = FAKES[name];
		if (definition === undefined) {
			throw new Error(`no fake activation named '${name}'`);
		}
		return definition;
	});
	const parameters = definitions.flatMap((definition) =>
		definition.parameters.map((parameter) => ({
			name: parameter.name,
			value: parameter.default,
			min: parameter.min,
			max: parameter.max,
			step: parameter.step,
			explicit: false,
		})),
	);
	return {
		functions: definitions.map((definition, index) => ({
			source: definition.label,
			activation: fakeActivation(definition),
			line: index + 1,
		})),
		parameters,
		domain: options.domain ?? [-8, 8],
		samples: options.samples ?? 401,
		y: null,
		gradientY: null,
		show: options.show ?? ["value", "gradient"],
		layout: options.layout ?? "side-by-side",
		at: options.at ?? [],
		annotate: options.annotate ?? ["max-gradient", "saturation", "kinks"],
		caption: options.caption ?? false,
		title: options.title ?? options.functions.join(", "),
		shorthand: false,
	};
}

/** Samples a fake spec the way the block layer does: an even grid, kinks, marks. */
export function fakeEvaluate(
	spec: ActivationSpec,
	options: EvaluateOptions,
): ChartSamples {
	const [min, max] = options.domain ?? spec.domain;
	const count = spec.samples;
	const x = new Float64Array(count);
	for (let i = 0; i < count; i++) {
		x[i] = i === count - 1 ? max : min + ((max - min) * i) / (count - 1);
	}
	const given = options.parameters ?? {};
	const series = spec.functions.map((fn) => {
		const value = new Float64Array(count);
		const gradient = new Float64Array(count);
		fn.activation.evaluate(x, given, value, gradient);
		const notes = value.some((v) => !Number.isFinite(v))
			? [`${fn.activation.label} is not finite at some x.`]
			: [];
		const sampled: Sampled = {
			x,
			value,
			gradient,
			kinks: fn.activation.kinks(x, given),
			notes,
		};
		return { label: fn.activation.label, sampled };
	});
	const marks = spec.functions.flatMap((fn) =>
		spec.at.map((point) => {
			const value = new Float64Array(1);
			const gradient = new Float64Array(1);
			fn.activation.evaluate(Float64Array.of(point), given, value, gradient);
			return {
				label: fn.activation.label,
				x: point,
				value: value[0] ?? NaN,
				gradient: gradient[0] ?? NaN,
			};
		}),
	);
	return { series, marks, notes: [] };
}
