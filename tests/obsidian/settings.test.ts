import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChartSettings } from "../../src/chart/index";
import { DEFAULT_BLOCK_DEFAULTS } from "../../src/block/spec";
import {
	checkDomainBound,
	checkSamples,
	copySettings,
	parseStoredSettings,
} from "../../src/obsidian/settings";

// The plugin passes the chart layer's defaults. Importing them here would load Chart.js's
// zoom plugin, which needs a browser, so the tests build the same settings themselves.
const DEFAULT_CHART_SETTINGS: ChartSettings = {
	defaults: DEFAULT_BLOCK_DEFAULTS,
	lineWidth: 2,
	animate: true,
};

void test("parseStoredSettings without data", () => {
	assert.deepEqual(
		parseStoredSettings(null, DEFAULT_CHART_SETTINGS),
		DEFAULT_CHART_SETTINGS,
	);
	assert.deepEqual(
		parseStoredSettings("garbage", DEFAULT_CHART_SETTINGS),
		DEFAULT_CHART_SETTINGS,
	);
	assert.deepEqual(
		parseStoredSettings([1, 2], DEFAULT_CHART_SETTINGS),
		DEFAULT_CHART_SETTINGS,
	);
});

void test("parseStoredSettings keeps valid fields", () => {
	const stored = {
		defaults: {
			domain: [-3, 3],
			samples: 801,
			layout: "stacked",
			show: ["gradient"],
			annotate: ["kinks", "kinks"],
			caption: true,
		},
		lineWidth: 3.5,
		animate: false,
	};
	assert.deepEqual(parseStoredSettings(stored, DEFAULT_CHART_SETTINGS), {
		defaults: {
			domain: [-3, 3],
			samples: 801,
			layout: "stacked",
			show: ["gradient"],
			annotate: ["kinks"],
			caption: true,
		},
		lineWidth: 3.5,
		animate: false,
	});
});

void test("parseStoredSettings replaces invalid fields", () => {
	const stored = {
		defaults: {
			domain: [3, -3],
			samples: 1,
			layout: "diagonal",
			show: [],
			annotate: ["everything"],
			caption: "yes",
		},
		lineWidth: 80,
		animate: "no",
	};
	const defaults = DEFAULT_CHART_SETTINGS.defaults;
	assert.deepEqual(
		parseStoredSettings(stored, DEFAULT_CHART_SETTINGS),
		DEFAULT_CHART_SETTINGS,
	);
	const partly = parseStoredSettings(
		{ defaults: { samples: 1001.5, domain: [0, 1] } },
		DEFAULT_CHART_SETTINGS,
	);
	assert.equal(partly.defaults.samples, defaults.samples);
	assert.deepEqual(partly.defaults.domain, [0, 1]);
});

void test("parseStoredSettings returns a copy", () => {
	const parsed = parseStoredSettings(null, DEFAULT_CHART_SETTINGS);
	parsed.defaults.domain[0] = -100;
	parsed.defaults.show.pop();
	assert.deepEqual(DEFAULT_CHART_SETTINGS.defaults.domain, [-8, 8]);
	assert.equal(DEFAULT_CHART_SETTINGS.defaults.show.length, 2);
	const copy = copySettings(DEFAULT_CHART_SETTINGS);
	copy.defaults.annotate.length = 0;
	assert.equal(DEFAULT_CHART_SETTINGS.defaults.annotate.length, 3);
});

void test("checkSamples bounds", () => {
	assert.deepEqual(checkSamples(" 2 "), { ok: true, value: 2 });
	assert.deepEqual(checkSamples("100000"), { ok: true, value: 100000 });
	for (const text of ["1", "100001", "2.5", "", "many", "NaN"]) {
		assert.equal(checkSamples(text).ok, false, text);
	}
});

void test("checkDomainBound finite only", () => {
	assert.deepEqual(checkDomainBound("-8", "minimum"), { ok: true, value: -8 });
	const rejected = checkDomainBound("Infinity", "minimum");
	assert.equal(rejected.ok, false);
	assert.match(rejected.ok ? "" : rejected.message, /minimum/);
	assert.equal(checkDomainBound(" ", "maximum").ok, false);
});
