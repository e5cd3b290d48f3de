import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { outputPath } from "../helpers/browser";
import {
	STILL,
	block,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
} from "./harness";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

void test("settings tab validates and applies", async () => {
	const page = await openObsidianPage(browser, { width: 900, height: 900 });
	await openNote(page, { text: block("tanh"), data: STILL });
	const result = await page.evaluate(async (id) => {
		const { standIn } = window;
		await standIn.frames(3);
		const tab = standIn.app.settingTabs[0];
		if (tab === undefined) throw new Error("no settings tab");
		document.body.prepend(tab.containerEl);
		tab.display();
		const root = tab.containerEl;
		const samples = standIn
			.settingNamed(root, "Samples")
			?.querySelector("input");
		const layout = standIn
			.settingNamed(root, "Layout")
			?.querySelector("select");
		const maxInput = standIn
			.settingNamed(root, "Domain")
			?.querySelectorAll("input")[1];
		if (samples == null || layout == null || maxInput === undefined) {
			throw new Error("a setting is missing");
		}

		standIn.typeInto(samples, "1");
		await standIn.frames(1);
		const samplesSetting = standIn.settingNamed(root, "Samples");
		const warning =
			samplesSetting?.querySelector(".mod-warning")?.textContent ?? "";
		const savedAfterInvalid = standIn.app.pluginData.get(id) ?? "";

		standIn.typeInto(samples, "801");
		standIn.typeInto(maxInput, "-9");
		await standIn.frames(1);
		const domainSetting = standIn.settingNamed(root, "Domain");
		const domainWarning =
			domainSetting?.querySelector(".mod-warning")?.textContent ?? "";
		standIn.typeInto(maxInput, "3");
		standIn.typeInto(layout, "stacked");
		await standIn.frames(3);

		const headings = Array.from(root.querySelectorAll(".setting-item-heading"));
		const names = Array.from(root.querySelectorAll(".setting-item-name"));
		return {
			headings: headings.map((el) => el.textContent),
			names: names.map((el) => el.textContent ?? ""),
			warning,
			savedAfterInvalid,
			domainWarning,
			saved: standIn.app.pluginData.get(id) ?? "null",
			stacked: document.querySelector(".activation-layout-stacked") !== null,
			inked: standIn.inkedCanvases(document),
			charts: standIn.tracker.liveCharts(),
		};
	}, "activation-charts");
	await page.screenshot({
		path: outputPath("obsidian-settings.png"),
		fullPage: true,
	});

	assert.deepEqual(result.headings, [
		"Chart defaults",
		"Annotations",
		"Appearance",
	]);
	for (const name of result.names) {
		assert.match(name, /^[A-Z][^A-Z]*$/, `sentence case: ${name}`);
	}
	assert.match(result.warning, /whole number from 2 to 100000/);
	assert.equal(
		result.savedAfterInvalid,
		JSON.stringify(STILL),
		"invalid input is not saved",
	);
	assert.match(result.domainWarning, /must be below the maximum/);
	const saved = JSON.parse(result.saved) as {
		defaults: { samples: number; layout: string; domain: number[] };
	};
	assert.equal(saved.defaults.samples, 801);
	assert.equal(saved.defaults.layout, "stacked");
	assert.deepEqual(saved.defaults.domain, [-8, 3]);
	assert.equal(result.stacked, true, "the open chart takes the new layout");
	assert.equal(result.inked, 2);
	assert.equal(
		result.charts,
		2,
		"re-applying settings leaves no old chart alive",
	);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});
