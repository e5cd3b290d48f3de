import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import {
	STILL,
	block,
	launchChromium,
	openNote,
	openObsidianPage,
} from "./harness";

let browser: Browser;

before(async () => {
	browser = await launchChromium();
});

after(async () => {
	await browser.close();
});

const PATH = "Notes/Activations.md";
const BODY =
	"function: leaky_relu\nparams:\n  negative_slope: {value: 0.1, min: 0, max: 1}\nx: [-4, 4]";
const BEFORE =
	"---\ntags: [ml]\n---\n# Leaky ReLU  \n\nText with trailing spaces   \n\n";
const AFTER = "\n\nThe end, with no final line break ✓";
const NOTE = BEFORE + block(BODY) + AFTER;

/** Moves the chart's first slider to `value` and clicks its save button. */
async function moveSliderAndSave(page: Page, value: number): Promise<void> {
	await page.evaluate(async (value) => {
		const slider = document.querySelector<HTMLInputElement>(
			".block-language-activation input[type=range]",
		);
		if (slider === null) throw new Error("the chart has no slider");
		slider.value = String(value);
		slider.dispatchEvent(new Event("input", { bubbles: true }));
		const save = Array.from(document.querySelectorAll("button")).find(
			(button) => button.textContent === "Save parameters to note",
		);
		if (save === undefined) throw new Error("the chart has no save button");
		save.click();
		await window.standIn.frames(2);
	}, value);
}

function noteText(page: Page): Promise<string | undefined> {
	return page.evaluate((path) => window.standIn.app.vault.peek(path), PATH);
}

function notices(page: Page): Promise<string[]> {
	return page.evaluate(() => [...window.standIn.notices]);
}

/** Asserts that `text` is NOTE with only the block's body changed, and returns the body. */
function changedBody(text: string | undefined): string {
	assert.ok(text !== undefined);
	const opening = BEFORE + "```activation\n";
	const closing = "\n```" + AFTER;
	assert.ok(
		text.startsWith(opening),
		"everything before the block is unchanged",
	);
	assert.ok(text.endsWith(closing), "everything after the block is unchanged");
	return text.slice(opening.length, text.length - closing.length);
}

void test("save through closed note file", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: NOTE, data: STILL });
	await page.evaluate(() => window.standIn.frames(3));
	await moveSliderAndSave(page, 0.35);

	const body = changedBody(await noteText(page));
	assert.match(body, /negative_slope: \{ ?value: 0\.35/);
	assert.match(body, /^function: leaky_relu\n/);
	assert.match(body, /\nx: \[-4, 4\]$/);
	assert.deepEqual(await notices(page), []);
	const writes = await page.evaluate(
		() => window.standIn.app.vault.writes.length,
	);
	assert.equal(writes, 1);
	await page.close();
});

void test("save through open editor undoes", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: NOTE, data: STILL });
	await page.evaluate((path) => window.standIn.openInEditor(path), PATH);
	await page.evaluate(() => window.standIn.frames(3));
	await moveSliderAndSave(page, 0.5);

	const edited = await page.evaluate(() =>
		window.standIn.activeEditor()?.getValue(),
	);
	const body = changedBody(edited);
	assert.match(body, /negative_slope: \{ ?value: 0\.5/);
	assert.equal(
		await noteText(page),
		edited,
		"the editor's change reaches the file",
	);

	const undone = await page.evaluate(() => {
		const editor = window.standIn.activeEditor();
		editor?.undo();
		return editor?.getValue();
	});
	assert.equal(undone, NOTE, "one undo restores the note");
	await page.close();
});

void test("save rejects edited block text", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: NOTE, data: STILL });
	await page.evaluate(() => window.standIn.frames(3));
	const edited = NOTE.replace("x: [-4, 4]", "x: [-2, 2]");
	await page.evaluate(
		({ path, text }) => window.standIn.writeNote(path, text),
		{
			path: PATH,
			text: edited,
		},
	);
	await moveSliderAndSave(page, 0.9);

	assert.equal(await noteText(page), edited, "the note keeps the user's edit");
	const shown = await notices(page);
	assert.equal(shown.length, 1);
	assert.match(shown[0] ?? "", /changed since the chart was drawn/);
	await page.close();
});

void test("save without section info explains", async () => {
	const page = await openObsidianPage(browser);
	await page.evaluate(
		async ({ path, text }) => {
			const { standIn } = window;
			standIn.app.vault.addNote(path, text);
			await standIn.loadPlugin(window.ActivationChartsModule.default, {
				id: "activation-charts",
				name: "Activation Charts",
				version: "0",
				minAppVersion: "0",
			});
			// An embed: Obsidian gives no section information, but it is no print export.
			const container = document.body.createDiv();
			standIn.renderNote(container, path, { sectionInfo: false });
			await standIn.frames(3);
		},
		{ path: PATH, text: NOTE },
	);
	await moveSliderAndSave(page, 0.6);

	assert.equal(await noteText(page), NOTE);
	const shown = await notices(page);
	assert.equal(shown.length, 1);
	assert.match(shown[0] ?? "", /Cannot save parameters from here/);
	await page.close();
});
