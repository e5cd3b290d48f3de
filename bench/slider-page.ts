// Browser side of the slider latency section, bundled by esbuild and loaded
// into headless Chromium. It mounts one block with a parameter slider and two
// panels (value and gradient), then times slider input events until the redrawn
// frame is painted.
import {
	DEFAULT_CHART_SETTINGS,
	mountActivationBlock,
} from "../src/chart/index";

/** The functions the page exposes on `window.sliderLatency` for the benchmark. */
export interface SliderLatencyPage {
	/**
	 * Mounts a swish block sampled at `samples` points and returns the
	 * milliseconds from each of `drags` slider input events to the paint of the
	 * frame that redrew the chart.
	 */
	measure(samples: number, drags: number): Promise<number[]>;
}

declare global {
	interface Window {
		sliderLatency?: SliderLatencyPage;
	}
}

/** Slider range of beta; the drags sweep it back and forth. */
const BETA_MIN = 0.5;
const BETA_MAX = 3.5;

function blockSource(samples: number): string {
	return [
		"function: swish",
		"params:",
		`  beta: {value: 1, min: 0, max: 4, step: 0.001}`,
		`samples: ${samples}`,
	].join("\n");
}

function nextFrame(): Promise<void> {
	return new Promise((resolve) => {
		window.requestAnimationFrame(() => resolve());
	});
}

/**
 * Resolves after the current frame has been painted: a message posted from a
 * frame callback is delivered in a task that runs once the frame's rendering is
 * done.
 */
function afterPaint(): Promise<void> {
	return new Promise((resolve) => {
		window.requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => resolve();
			channel.port2.postMessage(null);
		});
	});
}

/** Returns the beta of drag i: a triangle wave over the slider range, 100 drags each way. */
function betaOfDrag(i: number): number {
	const phase = (i % 200) / 100;
	const fraction = phase <= 1 ? phase : 2 - phase;
	return BETA_MIN + (BETA_MAX - BETA_MIN) * fraction;
}

async function measure(samples: number, drags: number): Promise<number[]> {
	const container = document.createElement("div");
	document.body.append(container);
	const view = mountActivationBlock(
		container,
		blockSource(samples),
		{ ...DEFAULT_CHART_SETTINGS, animate: false },
		{ renderMath: null, saveParameters: null, eager: true },
	);
	await afterPaint();

	const canvases = view.element.querySelectorAll("canvas");
	if (canvases.length !== 2) {
		const shown = (view.element.textContent ?? "").slice(0, 300);
		throw new Error(
			`expected two chart panels, found ${canvases.length} canvases; the block shows: ${shown}`,
		);
	}
	const slider =
		view.element.querySelector<HTMLInputElement>("input[type=range]");
	if (slider === null) {
		throw new Error("the block has no parameter slider");
	}

	const gradientPanel = canvases[1] as HTMLCanvasElement;
	const initialImage = gradientPanel.toDataURL();
	const latencies: number[] = [];
	for (let i = 0; i < drags; i++) {
		slider.value = String(betaOfDrag(i));
		const start = performance.now();
		slider.dispatchEvent(new Event("input", { bubbles: true }));
		// The chart requested its redraw frame during the event, before this call,
		// so its callback has run when the paint that afterPaint waits for happens.
		await afterPaint();
		latencies.push(performance.now() - start);
		if (i === 0 && gradientPanel.toDataURL() === initialImage) {
			throw new Error(
				"the gradient panel did not change after the first slider input",
			);
		}
	}

	const beta = view.currentParameters().beta;
	const expected = Number(slider.value);
	if (beta !== expected) {
		throw new Error(
			`the chart's beta is ${String(beta)} after the drags, expected ${expected}`,
		);
	}
	await nextFrame();
	return latencies;
}

window.sliderLatency = { measure };
