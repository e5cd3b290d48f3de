// The chart's slider latency section: headless Chromium, one block with two
// panels, and the time from a slider input event to the painted frame that
// shows the new curves.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { launchChromium, outputPath } from "../tests/helpers/browser";
import { median, quantile } from "./measure";

export interface SliderLatencySettings {
	/** Grid points per panel. */
	readonly samples: number;
	/** Slider input events, each waited for until its frame is painted. */
	readonly drags: number;
}

export interface SliderLatency {
	medianMs: number;
	p95Ms: number;
	samples: number;
	drags: number;
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

		const latencies = await page.evaluate(
			async ({ samples, drags }) => {
				const sliderLatency = window.sliderLatency;
				if (sliderLatency === undefined) {
					throw new Error("the slider latency page script did not load");
				}
				return sliderLatency.measure(samples, drags);
			},
			{ samples: settings.samples, drags: settings.drags },
		);
		if (pageErrors.length > 0) {
			throw new Error(`the page reported errors: ${pageErrors.join("; ")}`);
		}

		const screenshot = outputPath("bench-slider-latency.png");
		await page.screenshot({ path: screenshot, fullPage: true });
		return {
			medianMs: median(latencies),
			p95Ms: quantile(latencies, 0.95),
			samples: settings.samples,
			drags: settings.drags,
			screenshot,
		};
	} finally {
		await browser.close();
	}
}
