// Browser entry for chart tests with the real block parser and kernel.
import { Chart } from "chart.js";
import {
	DEFAULT_CHART_SETTINGS,
	mountActivationBlock,
} from "../../src/chart/index";

const harness = { Chart, DEFAULT_CHART_SETTINGS, mountActivationBlock };

declare global {
	interface Window {
		chartHarness: typeof harness;
	}
}

window.chartHarness = harness;
