import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { outputPath } from "../helpers/browser";
import {
	STILL,
	block,
	launchChromium,
	openNote,
	openObsidianPage,
	pageErrors,
} from "./harness";
import type { TFile } from "./stand-in/workspace";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

declare global {
	interface Window {
		/** `defaultPrevented` of each contextmenu event that reached the window. */
		contextMenuPrevented: boolean[];
	}
}

const PATH = "Notes/Activations.md";
const NOTE = [
	"Some text before the chart.",
	block("function: relu\nsamples: 3\ntitle: relu rectifier"),
].join("\n\n");
const MENU_TITLES = [
	"Copy as PNG",
	"Save as PNG",
	"Copy data as CSV",
	"Copy data as Markdown table",
];

/** Opens the note and records whether the page's contextmenu events were prevented. */
async function openChartNote(): Promise<Page> {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: NOTE, data: STILL });
	await page.waitForSelector("#note canvas");
	await page.evaluate(() => window.standIn.frames(2));
	await page.evaluate(() => {
		window.contextMenuPrevented = [];
		window.addEventListener("contextmenu", (event) =>
			window.contextMenuPrevented.push(event.defaultPrevented),
		);
	});
	return page;
}

/** Right-clicks the middle of the value panel's canvas and returns that point. */
async function rightClickChart(page: Page): Promise<{ x: number; y: number }> {
	const box = await page
		.locator("#note .activation-panel canvas")
		.first()
		.boundingBox();
	assert.ok(box !== null, "the chart has a canvas on screen");
	const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	await page.mouse.click(point.x, point.y, { button: "right" });
	return point;
}

function menuItem(page: Page, title: string) {
	return page.locator(".menu .menu-item", { hasText: title });
}

void test("right-click on chart opens menu", async () => {
	const page = await openChartNote();

	const text = await page.locator("#note p").boundingBox();
	assert.ok(text !== null);
	await page.mouse.click(text.x + 20, text.y + text.height / 2, {
		button: "right",
	});
	assert.equal(await page.locator(".menu").count(), 0, "no menu on text");

	const point = await rightClickChart(page);
	const menu = await page.evaluate(() => {
		const el = document.querySelector<HTMLElement>(".menu");
		if (el === null) return null;
		const box = el.getBoundingClientRect();
		return {
			titles: Array.from(el.querySelectorAll(".menu-item-title")).map(
				(item) => item.textContent,
			),
			icons: Array.from(el.querySelectorAll(".menu-item-icon")).map((icon) =>
				icon.getAttribute("data-icon"),
			),
			left: box.left,
			top: box.top,
			inBody: el.parentElement === document.body,
			tracked: window.standIn.openMenu()?.dom === el,
		};
	});
	assert.ok(menu !== null, "a menu is shown");
	assert.deepEqual(menu.titles, MENU_TITLES);
	assert.deepEqual(menu.icons, ["image", "image-down", "table", "table"]);
	assert.equal(menu.left, point.x, "the menu opens at the pointer");
	assert.equal(menu.top, point.y, "the menu opens at the pointer");
	assert.equal(menu.inBody, true);
	assert.equal(menu.tracked, true);

	const prevented = await page.evaluate(() => window.contextMenuPrevented);
	assert.deepEqual(
		prevented,
		[false, true],
		"only the chart's right-click suppresses the browser's own menu",
	);
	await page.screenshot({ path: outputPath("obsidian-chart-menu.png") });
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("menu copies data as CSV", async () => {
	const page = await openChartNote();
	await rightClickChart(page);
	await menuItem(page, "Copy data as CSV").click();
	assert.equal(await page.locator(".menu").count(), 0, "choosing closes it");
	assert.equal(
		await page.evaluate(() => window.standIn.openMenu()),
		null,
		"no menu is open after choosing",
	);

	await page.waitForFunction(() => window.standIn.clipboard.writes > 0);
	const copied = await page.evaluate(async () => ({
		writes: window.standIn.clipboard.writes,
		types: window.standIn.clipboard.items.map((item) => item.types),
		text: await navigator.clipboard.readText(),
		notices: window.standIn.notices,
	}));
	assert.equal(copied.writes, 1);
	assert.deepEqual(copied.types, [["text/plain"]]);
	assert.equal(copied.text, "x,f(x),f'(x)\n-8,0,0\n0,0,0\n8,8,1\n");
	assert.deepEqual(copied.notices, ["Chart data copied as CSV."]);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("menu copies chart as PNG", async () => {
	const page = await openChartNote();
	await rightClickChart(page);
	await menuItem(page, "Copy as PNG").click();
	await page.waitForFunction(() => window.standIn.clipboard.writes > 0);
	const image = await page.evaluate(async () => {
		const [item] = window.standIn.clipboard.items;
		if (item === undefined) throw new Error("the clipboard is empty");
		const blob = await item.getType("image/png");
		const bitmap = await createImageBitmap(blob);
		const chart = document.querySelector<HTMLElement>(
			"#note .activation-chart",
		);
		return {
			types: item.types,
			width: bitmap.width,
			expectedWidth: 2 * window.devicePixelRatio * (chart?.clientWidth ?? 0),
		};
	});
	assert.deepEqual(image.types, ["image/png"]);
	assert.ok(image.expectedWidth > 0);
	assert.equal(image.width, image.expectedWidth, "twice the screen resolution");
	await page.close();
});

void test("menu saves PNG attachment", async () => {
	const page = await openChartNote();
	await page.evaluate(() => {
		window.standIn.app.fileManager.attachmentFolderPath = "./attachments";
	});
	const expected = "Notes/attachments/relu rectifier.png";

	for (const path of [expected, "Notes/attachments/relu rectifier 1.png"]) {
		await rightClickChart(page);
		await menuItem(page, "Save as PNG").click();
		assert.equal(await page.locator(".menu").count(), 0);
		await page.waitForFunction(
			(path) => window.standIn.app.vault.getAbstractFileByPath(path) !== null,
			path,
		);
	}

	const saved = await page.evaluate(async (path) => {
		const { vault } = window.standIn.app;
		// Only files, never folders, are stored in the stand-in's vault.
		const file = vault.getAbstractFileByPath(path) as TFile | null;
		if (file === null) throw new Error(`nothing saved at ${path}`);
		const data = await vault.readBinary(file);
		const bitmap = await createImageBitmap(
			new Blob([data], { type: "image/png" }),
		);
		const chart = document.querySelector<HTMLElement>(
			"#note .activation-chart",
		);
		return {
			writes: vault.writes,
			signature: Array.from(new Uint8Array(data).slice(0, 8)),
			width: bitmap.width,
			expectedWidth: 2 * window.devicePixelRatio * (chart?.clientWidth ?? 0),
			notices: window.standIn.notices,
		};
	}, expected);
	assert.deepEqual(saved.writes, [
		expected,
		"Notes/attachments/relu rectifier 1.png",
	]);
	assert.deepEqual(
		saved.signature,
		[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	);
	assert.ok(saved.expectedWidth > 0);
	assert.equal(saved.width, saved.expectedWidth);
	assert.deepEqual(saved.notices, [
		`Chart saved as ${expected}.`,
		"Chart saved as Notes/attachments/relu rectifier 1.png.",
	]);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});

void test("menu closes without choosing", async () => {
	const page = await openChartNote();

	await rightClickChart(page);
	assert.equal(await page.locator(".menu").count(), 1);
	await page.keyboard.press("Escape");
	assert.equal(await page.locator(".menu").count(), 0, "Escape closes it");

	await rightClickChart(page);
	const text = await page.locator("#note p").boundingBox();
	assert.ok(text !== null);
	await page.mouse.click(text.x + 20, text.y + text.height / 2);
	assert.equal(await page.locator(".menu").count(), 0, "a click outside");

	await rightClickChart(page);
	await rightClickChart(page);
	assert.equal(await page.locator(".menu").count(), 1, "one menu at a time");

	const clipboard = await page.evaluate(() => ({
		writes: window.standIn.clipboard.writes,
		vaultWrites: window.standIn.app.vault.writes,
	}));
	assert.equal(clipboard.writes, 0, "closing runs no action");
	assert.deepEqual(clipboard.vaultWrites, []);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});
