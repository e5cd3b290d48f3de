import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
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

const PATH = "Notes/Activations.md";
const INSERT = "activation-charts:insert-activation-block";
const SAVE = "activation-charts:save-chart-parameters";

void test("insert command adds chosen block", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: "# Title\nSome text", data: STILL });
	const result = await page.evaluate(
		async ({ path, command }) => {
			const { standIn } = window;
			const unavailable = standIn.app.executeCommandById(command);
			const view = standIn.openInEditor(path);
			view.editor.setCursor({ line: 1, ch: 9 });
			const ran = standIn.app.executeCommandById(command);
			const modal = standIn.openModal();
			if (modal === null) throw new Error("no modal opened");
			const shown = await modal.pickSuggestion("leaky", 0);
			return { unavailable, ran, shown, text: view.editor.getValue() };
		},
		{ path: PATH, command: INSERT },
	);
	assert.equal(
		result.unavailable,
		false,
		"without an editor the command is unavailable",
	);
	assert.equal(result.ran, true);
	assert.ok(result.shown.length >= 1);
	assert.match(result.shown[0] ?? "", /^leaky_relu/);
	assert.equal(
		result.text,
		"# Title\nSome text\n```activation\nfunction: leaky_relu\nparams:\n  negative_slope: 0.01\n```\n",
	);
	await page.close();
});

void test("commands have no default hotkeys", async () => {
	const page = await openObsidianPage(browser);
	await openNote(page, { path: PATH, text: "Text", data: STILL });
	const commands = await page.evaluate(() =>
		[...window.standIn.app.commands.values()].map((command) => ({
			id: command.id,
			name: command.name,
			hotkeys: command.hotkeys ?? null,
		})),
	);
	assert.deepEqual(
		commands.map((command) => command.id),
		[
			INSERT,
			SAVE,
			"activation-charts:copy-chart-png",
			"activation-charts:save-chart-png",
			"activation-charts:copy-chart-csv",
			"activation-charts:copy-chart-markdown",
		],
	);
	for (const command of commands) {
		assert.equal(command.hotkeys, null);
		// Sentence case: only the first word is capitalised, apart from acronyms (PNG,
		// CSV) and the name Markdown.
		const [first, ...rest] = command.name.split(" ");
		assert.match(
			first ?? "",
			/^[A-Z][a-z]*$/,
			`sentence case: ${command.name}`,
		);
		for (const word of rest) {
			assert.match(
				word,
				/^([a-z]+|[A-Z]{2,}|Markdown)$/,
				`sentence case: ${command.name}`,
			);
		}
	}
	await page.close();
});

void test("save command uses touched chart", async () => {
	const page = await openObsidianPage(browser);
	const text = [block("relu"), block("function: elu\nparams: {alpha: 1}")].join(
		"\n\n",
	);
	await openNote(page, { path: PATH, text, data: STILL });
	const result = await page.evaluate(
		async ({ command, path }) => {
			const { standIn } = window;
			await standIn.frames(3);
			const unavailable = standIn.app.executeCommandById(command);
			const second = document.querySelectorAll(".block-language-activation")[1];
			const slider =
				second?.querySelector<HTMLInputElement>("input[type=range]");
			if (second === undefined || slider === null || slider === undefined) {
				throw new Error("the elu chart has no slider");
			}
			second.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
			slider.value = "2.5";
			slider.dispatchEvent(new Event("input", { bubbles: true }));
			const ran = standIn.app.executeCommandById(command);
			await standIn.frames(2);
			return { unavailable, ran, text: standIn.app.vault.peek(path) };
		},
		{ command: SAVE, path: PATH },
	);
	assert.equal(result.unavailable, false, "no chart was touched yet");
	assert.equal(result.ran, true);
	assert.equal(
		result.text,
		[block("relu"), block("function: elu\nparams: {alpha: 2.5}")].join("\n\n"),
	);
	assert.deepEqual(pageErrors(page), []);
	await page.close();
});
