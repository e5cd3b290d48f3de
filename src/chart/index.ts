import { mountBlock } from "./mount";
import type { ActivationBlockView, ChartHost, ChartSettings } from "./settings";

export {
	DEFAULT_CHART_SETTINGS,
	type ActivationBlockView,
	type ChartHost,
	type ChartSettings,
} from "./settings";

/**
 * Draws an `activation` block into a container: the chart, or the block's errors as
 * "line N: ..." with the line quoted. It never throws; an unexpected failure is drawn in
 * the block and logged.
 */
export function mountActivationBlock(
	container: HTMLElement,
	source: string,
	settings: ChartSettings,
	host: ChartHost,
): ActivationBlockView {
	return mountBlock(container, source, settings, host);
}
