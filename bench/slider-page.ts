// Browser side of the slider latency section, bundled by esbuild and loaded
// into headless Chromium. It mounts one block with a parameter slider and two
// panels (value and gradient), then records, for every input event that the
// benchmark's pointer drags cause, the time until the frame that redrew the
// chart has been painted.
import {
	DEFAULT_CHART_SETTINGS,
	mountActivationBlock,
} from "../src/chart/index";

/** The position of the slider's track on the page, for the benchmark's pointer. */
export interface SliderTrack {
	left: number;
	right: number;
	y: number;
	min: number;
	max: number;
}

export interface SliderRecord {
	/** Milliseconds from each input event to the paint of the frame after it. */
	latencies: number[];
	/** Milliseconds that each of the chart's frame callbacks ran for. */
	redraws: number[];
	/** Whether the gradient panel's pixels differ from those before the first drag. */
	gradientChanged: boolean;
	/** The slider's value and the chart's parameter after the last drag. */
	sliderValue: number;
	chartValue: number | undefined;
}

/** The functions the page exposes on `window.sliderLatency` for the benchmark. */
export interface SliderLatencyPage {
	/** Mounts a swish block sampled at `samples` points and starts recording. */
	prepare(samples: number): Promise<SliderTrack>;
	/** Waits for the last frame to be painted and returns what was recorded. */
	finish(): Promise<SliderRecord>;
}

declare global {
	interface Window {
		sliderLatency?: SliderLatencyPage;
	}
}

function blockSource(samples: number): string {
	return [
		"function: swish",
		"params:",
		`  beta: {value: 1, min: 0, max: 4, step: 0.001}`,
		`samples: ${samples}`,
	].join("\n");
}

/** The page's own requestAnimationFrame, before the chart's is wrapped for timing. */
const requestFrame = window.requestAnimationFrame.bind(window);

/**
 * Calls `done` after the frame that is being prepared has been painted: a message
 * posted from a frame callback is delivered in a task that runs once the frame's
 * rendering is done.
 */
function afterPaint(done: () => void): void {
	requestFrame(() => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => done();
		channel.port2.postMessage(null);
	});
}

/** Makes every frame callback requested from now on record how long it ran. */
function timeFrameCallbacks(into: number[]): void {
	window.requestAnimationFrame = (callback) =>
		requestFrame((time) => {
			const start = performance.now();
			callback(time);
			into.push(performance.now() - start);
		});
}

interface Recording {
	view: ReturnType<typeof mountActivationBlock>;
	slider: HTMLInputElement;
	gradientPanel: HTMLCanvasElement;
	initialImage: string;
	latencies: number[];
	redraws: number[];
}

let recording: Recording | null = null;

async function prepare(samples: number): Promise<SliderTrack> {
	const redraws: number[] = [];
	timeFrameCallbacks(redraws);
	const container = document.createElement("div");
	document.body.append(container);
	const view = mountActivationBlock(
		container,
		blockSource(samples),
		{ ...DEFAULT_CHART_SETTINGS, animate: false },
		{ renderMath: null, saveParameters: null, eager: true },
	);
	await new Promise<void>((resolve) => afterPaint(resolve));

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
	const latencies: number[] = [];
	// Added after the chart's own listener on the same element, so the chart has
	// requested its redraw frame before this listener requests the one it waits for.
	slider.addEventListener("input", () => {
		const start = performance.now();
		afterPaint(() => latencies.push(performance.now() - start));
	});
	redraws.length = 0;
	recording = {
		view,
		slider,
		gradientPanel,
		initialImage: gradientPanel.toDataURL(),
		latencies,
		redraws,
	};
	const box = slider.getBoundingClientRect();
	return {
		left: box.left,
		right: box.right,
		y: box.top + box.height / 2,
		min: Number(slider.min),
		max: Number(slider.max),
	};
}

async function finish(): Promise<SliderRecord> {
	const current = recording;
	if (current === null) {
		throw new Error("finish() was called before prepare()");
	}
	await new Promise<void>((resolve) => afterPaint(resolve));
	return {
		latencies: [...current.latencies],
		redraws: [...current.redraws],
		gradientChanged: current.gradientPanel.toDataURL() !== current.initialImage,
		sliderValue: Number(current.slider.value),
		chartValue: current.view.currentParameters().beta,
	};
}

window.sliderLatency = { prepare, finish };
