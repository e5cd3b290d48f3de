// The chart's slider latency section: headless Chromium, one block with two
// panels, a pointer that drags the slider's thumb, and the time from each input
// event that the drag causes to the painted frame that shows the new curves.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { launchChromium, outputPath } from "../tests/helpers/browser";
import { median, quantile } from "./measure";
import type { SliderRecord } from "./slider-page";

export interface SliderLatencySettings {
	/** Grid points per panel. */
	readonly samples: number;
	/** Pointer moves while the slider's thumb is held. */
	readonly drags: number;
}

export interface SliderLatency {
	medianMs: number;
	p95Ms: number;
	/** How long the chart's frame callback (resample and redraw) ran. */
	redrawMedianMs: number;
	redrawP95Ms: number;
	samples: number;
	drags: number;
	/** Input events the drags caused; each is one latency. */
	inputs: number;
	/** Screenshot of the block after the last drag. */
	screenshot: string;
}

/** Bundles bench/slider-page.ts and the chart it imports into one browser script. */
async function bundlePage(): Promise<string> {
	const result = await build({
		entryPoints: ["bench/slider-page.ts"],
		bundle: true,
		write: false,
		format: "iife",
		platform: "browser",
		target: "es2021",
		logLevel: "silent",
	});
	const script = result.outputFiles[0];
	if (script === undefined) {
		throw new Error("esbuild returned no bundle for bench/slider-page.ts");
	}
	return script.text;
}

/**
 * Rounds to 0.01 ms. Chromium coarsens performance.now() to 0.1 ms or finer, so more
 * digits would only carry floating-point noise such as 8.400000000372529.
 */
function roundMs(milliseconds: number): number {
	return Math.round(milliseconds * 100) / 100;
}

/** Slider range of beta that the drags sweep back and forth. */
const BETA_MIN = 0.5;
const BETA_MAX = 3.5;

/** Returns the beta of drag i: a triangle wave over the sweep, 100 drags each way. */
function betaOfDrag(i: number): number {
	const phase = (i % 200) / 100;
	const fraction = phase <= 1 ? phase : 2 - phase;
	return BETA_MIN + (BETA_MAX - BETA_MIN) * fraction;
}

/**
 * Throws unless the drags reached the chart: most pointer moves gave an input
 * event, the gradient panel was redrawn, and the chart's parameter is the slider's.
 */
function checkRecord(record: SliderRecord, drags: number): void {
	if (record.latencies.length < drags / 2) {
		throw new Error(
			`${drags} pointer moves gave only ${record.latencies.length} slider input events`,
		);
	}
	if (!record.gradientChanged) {
		throw new Error("the gradient panel did not change during the drags");
	}
	if (record.chartValue !== record.sliderValue) {
		throw new Error(
			`the chart's beta is ${String(record.chartValue)} after the drags, expected ${record.sliderValue}`,
		);
	}
}

export async function measureSliderLatency(
	settings: SliderLatencySettings,
): Promise<SliderLatency> {
	const script = await bundlePage();
	const styles = existsSync("styles.css")
		? readFileSync("styles.css", "utf8")
		: "";
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({
			viewport: { width: 1200, height: 800 },
		});
		const pageErrors: string[] = [];
		page.on("pageerror", (error) => pageErrors.push(error.message));
		await page.setContent(
			"<!doctype html><html><head></head><body></body></html>",
		);
		await page.addStyleTag({ content: styles });
		await page.addScriptTag({ content: script });

		const track = await page.evaluate(async (samples) => {
			const sliderLatency = window.sliderLatency;
			if (sliderLatency === undefined) {
				throw new Error("the slider latency page script did not load");
			}
			return sliderLatency.prepare(samples);
		}, settings.samples);
		const xOf = (beta: number): number =>
			track.left +
			((beta - track.min) / (track.max - track.min)) *
				(track.right - track.left);
		await page.mouse.move(xOf(betaOfDrag(0)), track.y);
		await page.mouse.down();
		for (let i = 1; i <= settings.drags; i++) {
			await page.mouse.move(xOf(betaOfDrag(i)), track.y);
		}
		await page.mouse.up();
		const record = await page.evaluate(() => {
			const sliderLatency = window.sliderLatency;
			if (sliderLatency === undefined) {
				throw new Error("the slider latency page script did not load");
			}
			return sliderLatency.finish();
		});
		if (pageErrors.length > 0) {
			throw new Error(`the page reported errors: ${pageErrors.join("; ")}`);
		}
		checkRecord(record, settings.drags);

		const screenshot = outputPath("bench-slider-latency.png");
		await page.screenshot({ path: screenshot, fullPage: true });
		return {
			medianMs: roundMs(median(record.latencies)),
			p95Ms: roundMs(quantile(record.latencies, 0.95)),
			redrawMedianMs: roundMs(median(record.redraws)),
			redrawP95Ms: roundMs(quantile(record.redraws, 0.95)),
			samples: settings.samples,
			drags: settings.drags,
			inputs: record.latencies.length,
			screenshot,
		};
	} finally {
		await browser.close();
	}
}
