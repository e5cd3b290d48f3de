/**
 * Soak test of the built plugin in headless Chromium, through the Obsidian stand-in: a
 * note of 20 blocks is rendered and unloaded 200 times, with slider drags and theme
 * switches on the way. Afterwards nothing of the plugin may be left: no live chart, no
 * listener, no pending timer or animation frame, no observer, and the JS heap back within
 * 2 MB of where it started.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import {
	STILL,
	block,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
} from "../obsidian/harness";

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 200);
const HEAP_GROWTH_LIMIT = 2 * 1024 * 1024;

/**
 * Twenty blocks: catalog functions, expressions with sliders, every layout, marks,
 * captions, gaps and errors.
 */
const BODIES = [
	"relu",
	"function: swish\nparams:\n  beta: {value: 1, min: 0, max: 4}\nx: [-6, 6]\nat: [0, 1.5]",
	"function: [sigmoid, tanh]\nlayout: overlay",
	'function: "f(x) = max(0, x) + alpha * min(0, x)"\nparams: {alpha: 0.25}',
	"function: leaky_relu\nparams: {negative_slope: {value: 0.1, min: 0, max: 0.5}}\nlayout: stacked",
	"function: gelu\ncaption: true\nsamples: 801",
	"function: switch\nx: [-4, 4]",
	"function: a * x^2 + b\nparams:\n  a: {value: 0.5, min: -1, max: 1}\n  b: {value: 0, min: -2, max: 2}\nx: [-3, 3]",
	"function: log(x)\nx: [-2, 2]",
	"function: [elu, selu, celu]\nparams: {alpha: {value: 1, min: 0.1, max: 3}}\nlayout: overlay",
	"function: hardswish\nshow: gradient\nannotate: kinks",
	"function: softplus\nparams:\n  beta: {value: 1, min: 0.5, max: 5}\n  threshold: 20\nat: [-1, 0, 1]",
	"function: exp(1000*x)\nx: [-1, 1]",
	"function: mish\ny: [-1, 3]\ngradient-y: [-0.5, 1.5]",
	"function: relu\nsamples: 0",
	"function: x > 0 ? x : k * (exp(x) - 1)\nparams: {k: {value: 1, min: 0, max: 2}}",
	"function: [hardtanh, relu6, hardsigmoid]\nlayout: side-by-side",
	"function: tanhshrink\nx: [-10, 10]\nannotate: [saturation, max-gradient]",
	"abs(x)",
	"function: softshrink\nparams: {lambd: {value: 0.5, min: 0, max: 2}}\ntitle: Soft shrink",
];

const NOTE = [
	"# Soak",
	...BODIES.map((body, index) => `Block ${index + 1}.\n\n${block(body)}`),
].join("\n\n");

/**
 * Counts what pages keep alive: timers and animation frames still pending, and event
 * listeners on the window, the document and elements still in it. Targets are held
 * weakly, so the counting itself retains nothing. Installed before the
 * stand-in and main.js load, so every call of theirs goes through it.
 */
const INSTRUMENT = `(() => {
	const timers = new Map();
	const frames = new Set();
	// Weak references, so that counting keeps no element alive.
	const listeners = new WeakMap();
	const targets = new Set();
	const original = {
		setTimeout: window.setTimeout.bind(window),
		clearTimeout: window.clearTimeout.bind(window),
		setInterval: window.setInterval.bind(window),
		clearInterval: window.clearInterval.bind(window),
		requestAnimationFrame: window.requestAnimationFrame.bind(window),
		cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
		add: EventTarget.prototype.addEventListener,
		remove: EventTarget.prototype.removeEventListener,
	};
	window.setTimeout = (callback, delay, ...args) => {
		const id = original.setTimeout((...inner) => {
			timers.delete(id);
			if (typeof callback === "function") callback(...inner);
		}, delay, ...args);
		timers.set(id, "timeout");
		return id;
	};
	window.clearTimeout = (id) => { timers.delete(id); original.clearTimeout(id); };
	window.setInterval = (callback, delay, ...args) => {
		const id = original.setInterval(callback, delay, ...args);
		timers.set(id, "interval");
		return id;
	};
	window.clearInterval = (id) => { timers.delete(id); original.clearInterval(id); };
	window.requestAnimationFrame = (callback) => {
		const id = original.requestAnimationFrame((time) => { frames.delete(id); callback(time); });
		frames.add(id);
		return id;
	};
	window.cancelAnimationFrame = (id) => { frames.delete(id); original.cancelAnimationFrame(id); };
	const keyOf = (type, listener, options) => {
		const capture = typeof options === "boolean" ? options : Boolean(options && options.capture);
		return type + "|" + capture;
	};
	EventTarget.prototype.addEventListener = function (type, listener, options) {
		if (listener) {
			let byTarget = listeners.get(this);
			if (!byTarget) { byTarget = new Map(); listeners.set(this, byTarget); targets.add(new WeakRef(this)); }
			const key = keyOf(type, listener, options);
			let set = byTarget.get(key);
			if (!set) { set = new Set(); byTarget.set(key, set); }
			set.add(listener);
		}
		return original.add.call(this, type, listener, options);
	};
	EventTarget.prototype.removeEventListener = function (type, listener, options) {
		listeners.get(this)?.get(keyOf(type, listener, options))?.delete(listener);
		return original.remove.call(this, type, listener, options);
	};
	window.soakPrune = () => {
		for (const ref of targets) if (ref.deref() === undefined) targets.delete(ref);
	};
	window.soakCounters = () => {
		window.soakPrune();
		let attached = 0;
		const byType = {};
		for (const ref of targets) {
			const target = ref.deref();
			const byKey = target === undefined ? undefined : listeners.get(target);
			if (byKey === undefined) continue;
			const live = target === window || target === document || (target instanceof Node && target.isConnected);
			if (!live) continue;
			for (const [key, set] of byKey) {
				if (set.size === 0) continue;
				attached += set.size;
				let targetName = "window";
				if (target === document) targetName = "document";
				else if (target !== window) targetName = target.nodeName.toLowerCase();
				const name = targetName + " " + key.split("|")[0];
				byType[name] = (byType[name] || 0) + set.size;
			}
		}
		return { timers: timers.size, frames: frames.size, listeners: attached, listenersByType: byType };
	};
})();`;

interface Figures {
	charts: number;
	children: number;
	listeners: number;
	listenersByType: Record<string, number>;
	timers: number;
	frames: number;
	observers: Record<string, number>;
	cssHandlers: number;
	heap: number;
}

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

/** Collects garbage through the DevTools protocol and reads the counters and the heap. */
async function measure(page: Page): Promise<Figures> {
	const session = await page.context().newCDPSession(page);
	await page.evaluate(() => window.standIn.frames(3));
	for (let pass = 0; pass < 3; pass++) {
		await session.send("HeapProfiler.collectGarbage");
	}
	const heap = await session.send("Runtime.getHeapUsage");
	await session.detach();
	const counters = await page.evaluate(() => {
		const { standIn } = window;
		const plugin = standIn.plugins[0] as unknown as
			{ charts: { size: number } } | undefined;
		return {
			charts: standIn.tracker.liveCharts(),
			children: plugin?.charts.size ?? 0,
			observers: standIn.tracker.liveObservers(),
			cssHandlers: standIn.app.workspace.handlerCount("css-change"),
			...(
				window as unknown as {
					soakCounters: () => Pick<
						Figures,
						"timers" | "frames" | "listeners" | "listenersByType"
					>;
				}
			).soakCounters(),
		};
	});
	return { ...counters, heap: heap.usedSize };
}

/** Renders the note, drags every slider, switches the theme, and unloads the note. */
async function runRounds(
	page: Page,
	rounds: number,
): Promise<{ drawn: number; dragged: number; leaked: number }> {
	return page.evaluate(async (rounds) => {
		const { standIn } = window;
		let drawn = 0;
		let dragged = 0;
		let leaked = 0;
		for (let round = 0; round < rounds; round++) {
			const container = document.body.createDiv({ cls: "soak-note" });
			const renderer = standIn.renderNote(container, "Notes/Soak.md");
			await standIn.frames(2);
			drawn += container.querySelectorAll("canvas").length;
			for (const slider of Array.from(
				container.querySelectorAll<HTMLInputElement>("input[type=range]"),
			)) {
				for (const share of [0.2, 0.8, 0.5]) {
					const min = Number(slider.min);
					const max = Number(slider.max);
					slider.value = String(min + share * (max - min));
					slider.dispatchEvent(new Event("input", { bubbles: true }));
				}
				dragged += 1;
			}
			standIn.setTheme(round % 2 === 0 ? "dark" : "light");
			await standIn.frames(1);
			renderer.unload();
			container.remove();
			// The stand-in lists every renderer it made and every canvas it saw, which Obsidian
			// does not. Charts still alive are counted before the canvases are let go.
			standIn.renderers.splice(standIn.renderers.indexOf(renderer), 1);
			leaked += standIn.tracker.liveCharts();
			standIn.tracker.canvases.clear();
			(window as unknown as { soakPrune: () => void }).soakPrune();
		}
		standIn.setTheme("light");
		return { drawn, dragged, leaked };
	}, rounds);
}

function report(name: string, figures: Figures): void {
	console.error(
		`soak ${name}: charts alive ${figures.charts}, block children ${figures.children}, ` +
			`listeners ${figures.listeners} ${JSON.stringify(figures.listenersByType)}, timers ${figures.timers}, ` +
			`frames ${figures.frames}, observers ${JSON.stringify(figures.observers)}, ` +
			`css-change handlers ${figures.cssHandlers}, heap ${(figures.heap / 1024 / 1024).toFixed(2)} MB`,
	);
}

test("note rendered 200 times leaks nothing", async () => {
	const soakPage = await openInstrumentedPage();
	await openNote(soakPage, { path: "Notes/Soak.md", text: NOTE, data: STILL });
	// The note openNote rendered is the warm-up round: it loads Chart.js's registry and
	// compiles every code path once, which a leak check must not count.
	await soakPage.evaluate(async () => {
		await window.standIn.frames(3);
		window.standIn.renderers[0]?.unload();
		window.standIn.renderers.length = 0;
		document.getElementById("note")?.remove();
	});
	await runRounds(soakPage, 1);
	const start = await measure(soakPage);
	report("start", start);

	const began = Date.now();
	const work = await runRounds(soakPage, ROUNDS);
	const seconds = (Date.now() - began) / 1000;
	const end = await measure(soakPage);
	report("end", end);
	const growth = end.heap - start.heap;
	console.error(
		`soak: ${ROUNDS} rounds in ${seconds.toFixed(1)} s, ${work.drawn} canvases drawn, ` +
			`${work.dragged} sliders dragged, ${work.leaked} charts alive after unloads, heap growth ${(growth / 1024).toFixed(0)} KB`,
	);

	assert.ok(
		work.drawn >= ROUNDS * 10,
		`only ${work.drawn} canvases drawn in ${ROUNDS} rounds`,
	);
	assert.ok(
		work.dragged >= ROUNDS * 5,
		`only ${work.dragged} sliders dragged in ${ROUNDS} rounds`,
	);
	assert.equal(
		work.leaked,
		0,
		"Chart.js charts alive after their note was unloaded",
	);
	assert.equal(end.charts, 0, "Chart.js charts alive");
	assert.equal(end.children, 0, "block children alive");
	assert.equal(end.cssHandlers, 0, "css-change handlers");
	assert.deepEqual(end.observers, {}, "observers observing");
	assert.deepEqual(
		end.listenersByType,
		start.listenersByType,
		"listeners attached",
	);
	assert.equal(end.timers, start.timers, "pending timers");
	assert.equal(end.frames, 0, "pending animation frames");
	assert.ok(
		growth < HEAP_GROWTH_LIMIT,
		`heap grew by ${(growth / 1024).toFixed(0)} KB`,
	);
	assert.deepEqual(pageErrors(soakPage), []);
	await soakPage.close();
});

/** Opens the stand-in page with the counters installed before any of its scripts run. */
async function openInstrumentedPage(): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 1000, height: 2000 },
	});
	await context.addInitScript({ content: INSTRUMENT });
	const probe = await context.newPage();
	const installed = await probe.evaluate(() => "soakCounters" in window);
	await probe.close();
	assert.ok(
		installed,
		"the counters were not installed before the page's scripts",
	);
	return openObsidianPageIn(context);
}

async function openObsidianPageIn(
	context: import("playwright-core").BrowserContext,
): Promise<Page> {
	// openObsidianPage only calls newPage, which the context provides with its own viewport.
	const contextBrowser = {
		newPage: () => context.newPage(),
	} as unknown as Browser;
	return openObsidianPage(contextBrowser, { width: 1000, height: 2000 });
}
