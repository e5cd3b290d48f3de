import type { ActivationSpec } from "../../block/spec";
import { formatNumber } from "../format";

/**
 * Returns the parameter values printed in place of the sliders, such as
 * "alpha = 0.25, beta = 1": those the block sets, and those the sliders in `values`
 * moved away from the block's value. Defaults the block leaves alone are not listed.
 * Returns an empty string when there is nothing to list.
 */
export function parametersText(
	spec: ActivationSpec,
	values: Record<string, number> = {},
): string {
	const listed: string[] = [];
	for (const parameter of spec.parameters) {
		const value = values[parameter.name] ?? parameter.value;
		if (parameter.explicit || value !== parameter.value) {
			listed.push(`${parameter.name} = ${formatNumber(value)}`);
		}
	}
	return listed.join(", ");
}
