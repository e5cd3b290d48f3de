// Browser entry for chart tests without the kernel: mounts ChartView on hand-made specs.
import { Chart } from "chart.js";
import { ChartView } from "../../src/chart/view";
import { fakeEvaluate, fakeSpec, type FakeSpecOptions } from "./fake-block";

export interface MountedFake {
	view: ChartView;
	root: HTMLElement;
}

function mountFake(
	container: HTMLElement,
	options: FakeSpecOptions,
	saveParameters = false,
): MountedFake {
	const root = container.ownerDocument.createElement("div");
	root.className = "activation-chart";
	container.appendChild(root);
	const spec = fakeSpec(options);
	const saved: Record<string, number>[] = [];
	const view = new ChartView(
		root,
		spec,
		(evaluateOptions) => fakeEvaluate(spec, evaluateOptions),
		{
			lineWidth: 2,
			animate: false,
			renderMath: null,
			saveParameters: saveParameters ? (values) => saved.push(values) : null,
		},
	);
	view.draw();
	return { view, root };
}

const harness = { Chart, mountFake, fakeSpec, fakeEvaluate };

declare global {
	interface Window {
		viewHarness: typeof harness;
	}
}

window.viewHarness = harness;
