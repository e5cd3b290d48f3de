import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launchChromium, outputPath } from "../helpers/browser";
import { openChartPage } from "./page";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

function block(source: string): string {
	const escaped = source.replace(/&/g, "&amp;").replace(/</g, "&lt;");
	return `<div class="activation-block"><pre class="activation-source"><code>${escaped}</code></pre></div>`;
}

const SPACER = '<div style="height: 3000px"></div>';

void test("preview runtime mounts blocks", async () => {
	const body = [
		block("relu"),
		block("function: [sigmoid, tanh]\nlayout: overlay"),
		block("function: sigmoid\nx: [3, 1]"),
		SPACER,
		block("tanh"),
	].join("\n");
	const page = await openChartPage(browser, "src/chart/preview-runtime.ts", {
		body,
	});
	const state = await page.evaluate(async () => {
		const charts = window.activationCharts;
		if (charts === undefined)
			throw new Error("window.activationCharts is not set");
		await charts.ready;
		return {
			views: charts.views.length,
			canvases: Array.from(document.querySelectorAll(".activation-block")).map(
				(element) => element.querySelectorAll("canvas").length,
			),
			hiddenSources: Array.from(
				document.querySelectorAll("pre.activation-source"),
			).every((pre) => (pre as HTMLElement).hidden),
			errors: Array.from(
				document.querySelectorAll(".activation-error-message"),
			).map((e) => e.textContent),
		};
	});
	assert.equal(state.views, 4);
	assert.deepEqual(state.canvases, [2, 1, 0, 0]);
	assert.equal(state.hiddenSources, true);
	assert.equal(state.errors.length, 1);
	assert.match(state.errors[0] ?? "", /^line 2: /);
	await page.screenshot({ path: outputPath("chart-preview-runtime.png") });
	await page.locator(".activation-block").last().scrollIntoViewIfNeeded();
	await page.waitForFunction(
		() =>
			document
				.querySelectorAll(".activation-block")[3]
				?.querySelectorAll("canvas").length === 2,
	);
	await page.close();
});
