/**
 * Browser fuzz: random blocks mounted with mountActivationBlock in Chromium. Each must
 * show a chart (canvases with finite y axes) or an error box, the page must report no
 * uncaught error, and no block may fall back to "The chart could not be drawn", which
 * marks an exception the chart layer did not expect.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
// Node's own timers: this code runs in Node, where there is no window.
import { clearTimeout, setTimeout } from "node:timers";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { anyBlock } from "./arbitraries";
import {
	mountAndInspect,
	openFuzzPage,
	type MountedBlock,
} from "./browser-page";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const BLOCKS = Math.round(300 * Number(process.env.FUZZ_RUNS ?? 1));
const BATCH = 20;

/** Time after which a page that has not finished mounting a batch counts as frozen. */
const BATCH_TIMEOUT_MS = 30_000;
const BLOCK_TIMEOUT_MS = 15_000;

/** Mounts and inspects blocks, rejecting when the page does not respond within `timeout`. */
async function inspectWithin(
	page: Page,
	sources: string[],
	timeout: number,
): Promise<MountedBlock[]> {
	let reject: (error: Error) => void = () => undefined;
	const frozen = new Promise<never>((_, rejectFrozen) => {
		reject = rejectFrozen;
	});
	const timer = setTimeout(
		() => reject(new Error(`the page did not respond within ${timeout} ms`)),
		timeout,
	);
	try {
		return await Promise.race([mountAndInspect(page, sources), frozen]);
	} finally {
		clearTimeout(timer);
	}
}

/** The start of the message mount.ts draws for an exception it caught. */
const INTERNAL_FAILURE = "The chart could not be drawn";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

/** Describes what is wrong with each block that failed; an empty list when none did. */
function judge(batch: string[], blocks: MountedBlock[]): string[] {
	const problems: string[] = [];
	blocks.forEach((block, index) => {
		const source = JSON.stringify(batch[index]).slice(0, 300);
		if (block.error !== null && block.error.startsWith(INTERNAL_FAILURE)) {
			problems.push(`${source}: ${block.error}`);
		} else if (block.canvases > 0 === (block.error !== null)) {
			problems.push(
				`${source}: ${block.canvases} canvases and error ${block.error}`,
			);
		}
		for (const axis of block.axes) {
			if (
				!Number.isFinite(axis.min) ||
				!Number.isFinite(axis.max) ||
				!(axis.min <= axis.max)
			) {
				problems.push(
					`${source}: axis ${axis.id} runs from ${axis.min} to ${axis.max}`,
				);
			}
		}
	});
	return problems;
}

/** Mounts the blocks of a batch that crashed the page one by one, each in a fresh page. */
async function findCrashes(batch: string[]): Promise<string[]> {
	const crashes: string[] = [];
	for (const source of batch) {
		const { page } = await openFuzzPage(browser);
		try {
			await inspectWithin(page, [source], BLOCK_TIMEOUT_MS);
		} catch (error) {
			crashes.push(
				`${JSON.stringify(source).slice(0, 300)}: ${String(error).split("\n")[0]}`,
			);
		}
		await page.close().catch(() => undefined);
	}
	return crashes;
}

test("random blocks draw or show errors", async () => {
	const sources = fc.sample(anyBlock, { seed: SEED, numRuns: BLOCKS });
	let { page, errors } = await openFuzzPage(browser);
	const problems: string[] = [];
	const pageErrors: string[] = [];
	let drawn = 0;
	for (let start = 0; start < sources.length; start += BATCH) {
		const batch = sources.slice(start, start + BATCH);
		let blocks: MountedBlock[];
		try {
			blocks = await inspectWithin(page, batch, BATCH_TIMEOUT_MS);
		} catch (error) {
			const crashes = await findCrashes(batch);
			problems.push(
				`the page failed (${String(error).split("\n")[0]}) on blocks ${start} to ${start + batch.length - 1}`,
			);
			problems.push(...crashes);
			pageErrors.push(...errors);
			await page.close().catch(() => undefined);
			({ page, errors } = await openFuzzPage(browser));
			continue;
		}
		problems.push(...judge(batch, blocks));
		drawn += blocks.filter((block) => block.canvases > 0).length;
	}
	pageErrors.push(...errors);
	console.error(
		`browser fuzz: ${sources.length} blocks, ${drawn} drawn, ${problems.length} problems`,
	);
	assert.deepEqual(pageErrors, [], "uncaught errors in the page");
	assert.deepEqual(problems, []);
	await page.close();
});
