import { Component } from "./component";
import type { App, CodeBlockHandler, Command } from "./workspace";

export function normalizePath(path: string): string {
	const cleaned = path
		.replace(/[\\/]+/g, "/")
		.replace(/^\/+|\/+$/g, "")
		.replace(/\u00a0|\u202f/g, " ");
	return cleaned === "" ? "/" : cleaned.normalize("NFC");
}

/** Notices shown so far; a stand-in extra for tests. */
export const shownNotices: string[] = [];

export class Notice {
	readonly noticeEl: HTMLElement;

	constructor(message: string | DocumentFragment, duration?: number) {
		const text =
			typeof message === "string" ? message : (message.textContent ?? "");
		shownNotices.push(text);
		this.noticeEl = document.body.createDiv({ cls: "notice", text });
		window.setTimeout(() => this.hide(), duration ?? 5000);
	}

	setMessage(message: string | DocumentFragment): this {
		this.noticeEl.setText(
			typeof message === "string" ? message : (message.textContent ?? ""),
		);
		return this;
	}

	hide(): void {
		this.noticeEl.remove();
	}
}

/** Math typeset so far, and how often the stylesheet was flushed; stand-in extras. */
export const mathRendered: string[] = [];
export let mathFlushes = 0;

/** Stands in for MathJax: an element holding the TeX, as `renderMath` returns one. */
export function renderMath(source: string, display: boolean): HTMLElement {
	mathRendered.push(source);
	const el = createEl(display ? "div" : "span");
	el.className = "math";
	el.textContent = source;
	return el;
}

export async function finishRenderMath(): Promise<void> {
	mathFlushes++;
}

abstract class ValueComponent<T> {
	protected changeHandlers: ((value: T) => unknown)[] = [];

	onChange(callback: (value: T) => unknown): this {
		this.changeHandlers.push(callback);
		return this;
	}

	protected changed(value: T): void {
		for (const handler of this.changeHandlers) void handler(value);
	}
}

export class TextComponent extends ValueComponent<string> {
	readonly inputEl: HTMLInputElement;

	constructor(containerEl: HTMLElement) {
		super();
		this.inputEl = containerEl.createEl("input", {
			type: "text",
		});
		this.inputEl.addEventListener("input", () =>
			this.changed(this.inputEl.value),
		);
	}

	getValue(): string {
		return this.inputEl.value;
	}

	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}

	setPlaceholder(placeholder: string): this {
		this.inputEl.placeholder = placeholder;
		return this;
	}
}

export class DropdownComponent extends ValueComponent<string> {
	readonly selectEl: HTMLSelectElement;

	constructor(containerEl: HTMLElement) {
		super();
		this.selectEl = containerEl.createEl("select");
		this.selectEl.addEventListener("change", () =>
			this.changed(this.selectEl.value),
		);
	}

	addOption(value: string, display: string): this {
		const option = this.selectEl.createEl("option", {
			text: display,
		});
		option.value = value;
		return this;
	}

	addOptions(options: Record<string, string>): this {
		for (const [value, display] of Object.entries(options))
			this.addOption(value, display);
		return this;
	}

	getValue(): string {
		return this.selectEl.value;
	}

	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}
}

export class ToggleComponent extends ValueComponent<boolean> {
	readonly toggleEl: HTMLInputElement;

	constructor(containerEl: HTMLElement) {
		super();
		this.toggleEl = containerEl.createEl("input", {
			type: "checkbox",
		});
		this.toggleEl.addEventListener("change", () =>
			this.changed(this.toggleEl.checked),
		);
	}

	getValue(): boolean {
		return this.toggleEl.checked;
	}

	setValue(on: boolean): this {
		this.toggleEl.checked = on;
		return this;
	}
}

export class SliderComponent extends ValueComponent<number> {
	readonly sliderEl: HTMLInputElement;

	constructor(containerEl: HTMLElement) {
		super();
		this.sliderEl = containerEl.createEl("input", {
			type: "range",
		});
		this.sliderEl.addEventListener("input", () =>
			this.changed(Number(this.sliderEl.value)),
		);
	}

	setLimits(
		min: number | null,
		max: number | null,
		step: number | "any",
	): this {
		this.sliderEl.min = min === null ? "" : String(min);
		this.sliderEl.max = max === null ? "" : String(max);
		this.sliderEl.step = String(step);
		return this;
	}

	setDynamicTooltip(): this {
		return this;
	}

	getValue(): number {
		return Number(this.sliderEl.value);
	}

	setValue(value: number): this {
		this.sliderEl.value = String(value);
		return this;
	}
}

export class Setting {
	readonly settingEl: HTMLElement;
	readonly infoEl: HTMLElement;
	readonly nameEl: HTMLElement;
	readonly descEl: HTMLElement;
	readonly controlEl: HTMLElement;

	constructor(containerEl: HTMLElement) {
		this.settingEl = containerEl.createDiv({ cls: "setting-item" });
		this.infoEl = this.settingEl.createDiv({ cls: "setting-item-info" });
		this.nameEl = this.infoEl.createDiv({ cls: "setting-item-name" });
		this.descEl = this.infoEl.createDiv({ cls: "setting-item-description" });
		this.controlEl = this.settingEl.createDiv({ cls: "setting-item-control" });
	}

	setName(name: string): this {
		this.nameEl.setText(name);
		return this;
	}

	setDesc(desc: string): this {
		this.descEl.setText(desc);
		return this;
	}

	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}

	addText(cb: (component: TextComponent) => unknown): this {
		cb(new TextComponent(this.controlEl));
		return this;
	}

	addDropdown(cb: (component: DropdownComponent) => unknown): this {
		cb(new DropdownComponent(this.controlEl));
		return this;
	}

	addToggle(cb: (component: ToggleComponent) => unknown): this {
		cb(new ToggleComponent(this.controlEl));
		return this;
	}

	addSlider(cb: (component: SliderComponent) => unknown): this {
		cb(new SliderComponent(this.controlEl));
		return this;
	}
}

export abstract class PluginSettingTab {
	readonly containerEl: HTMLElement;

	constructor(
		readonly app: App,
		readonly plugin: Plugin,
	) {
		this.containerEl = createDiv();
		this.containerEl.className = "vertical-tab-content";
	}

	abstract display(): void;

	hide(): void {
		this.containerEl.empty();
	}
}

export interface PluginManifest {
	id: string;
	name: string;
	version: string;
	minAppVersion: string;
}

export abstract class Plugin extends Component {
	constructor(
		readonly app: App,
		readonly manifest: PluginManifest,
	) {
		super();
	}

	async loadData(): Promise<unknown> {
		const stored = this.app.pluginData.get(this.manifest.id);
		return stored === undefined ? null : JSON.parse(stored);
	}

	async saveData(data: unknown): Promise<void> {
		this.app.pluginData.set(this.manifest.id, JSON.stringify(data));
	}

	addCommand(command: Command): Command {
		const stored = { ...command, id: `${this.manifest.id}:${command.id}` };
		this.app.commands.set(stored.id, stored);
		this.register(() => this.app.commands.delete(stored.id));
		return stored;
	}

	addSettingTab(tab: PluginSettingTab): void {
		this.app.settingTabs.push(tab);
		this.register(() =>
			this.app.settingTabs.splice(this.app.settingTabs.indexOf(tab), 1),
		);
	}

	registerMarkdownCodeBlockProcessor(
		language: string,
		handler: CodeBlockHandler,
	): void {
		this.app.codeBlockProcessors.set(language, handler);
		this.register(() => this.app.codeBlockProcessors.delete(language));
	}
}

export abstract class Modal {
	readonly containerEl: HTMLElement;
	readonly modalEl: HTMLElement;
	readonly titleEl: HTMLElement;
	readonly contentEl: HTMLElement;

	constructor(readonly app: App) {
		this.containerEl = createDiv();
		this.containerEl.className = "modal-container";
		this.modalEl = this.containerEl.createDiv({ cls: "modal" });
		this.titleEl = this.modalEl.createDiv({ cls: "modal-title" });
		this.contentEl = this.modalEl.createDiv({ cls: "modal-content" });
	}

	open(): void {
		document.body.appendChild(this.containerEl);
		void this.onOpen();
	}

	close(): void {
		this.containerEl.remove();
		this.onClose();
	}

	onOpen(): Promise<void> | void {}

	onClose(): void {}
}

/** The suggest modal open now; a stand-in extra so tests can type and choose. */
export const modals: { open: SuggestModal<unknown> | null } = { open: null };

export abstract class SuggestModal<T> extends Modal {
	readonly inputEl: HTMLInputElement;
	readonly resultContainerEl: HTMLElement;
	private suggestions: T[] = [];

	constructor(app: App) {
		super(app);
		this.inputEl = this.modalEl.createEl("input", {
			type: "text",
		});
		this.resultContainerEl = this.modalEl.createDiv({ cls: "prompt-results" });
		this.inputEl.addEventListener("input", () => void this.update());
	}

	setPlaceholder(placeholder: string): void {
		this.inputEl.placeholder = placeholder;
	}

	override open(): void {
		super.open();
		modals.open = this;
		void this.update();
	}

	override close(): void {
		super.close();
		if (modals.open === (this as SuggestModal<unknown>)) modals.open = null;
	}

	/** Types `query` and chooses the suggestion at `index`; a stand-in extra. */
	async pickSuggestion(query: string, index: number): Promise<string[]> {
		this.inputEl.value = query;
		await this.update();
		const shown = [...this.resultContainerEl.children].map(
			(el) => el.textContent ?? "",
		);
		const chosen = this.suggestions[index];
		if (chosen !== undefined) {
			this.close();
			this.onChooseSuggestion(chosen, new MouseEvent("click"));
		}
		return shown;
	}

	private async update(): Promise<void> {
		this.suggestions = await this.getSuggestions(this.inputEl.value);
		this.resultContainerEl.empty();
		for (const suggestion of this.suggestions) {
			this.renderSuggestion(
				suggestion,
				this.resultContainerEl.createDiv({ cls: "suggestion-item" }),
			);
		}
	}

	abstract getSuggestions(query: string): T[] | Promise<T[]>;
	abstract renderSuggestion(value: T, el: HTMLElement): void;
	abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export interface FuzzyMatch<T> {
	item: T;
	match: { score: number; matches: [number, number][] };
}

/** Matches when the query's letters appear in order in the item's text, ignoring case. */
function fuzzyScore(query: string, text: string): number | null {
	const needle = query.toLowerCase().replace(/\s+/g, "");
	const haystack = text.toLowerCase();
	let from = 0;
	let gaps = 0;
	for (const char of needle) {
		const found = haystack.indexOf(char, from);
		if (found === -1) return null;
		gaps += found - from;
		from = found + 1;
	}
	return -gaps;
}

export abstract class FuzzySuggestModal<T> extends SuggestModal<FuzzyMatch<T>> {
	getSuggestions(query: string): FuzzyMatch<T>[] {
		const matches: FuzzyMatch<T>[] = [];
		for (const item of this.getItems()) {
			const score = fuzzyScore(query, this.getItemText(item));
			if (score !== null) matches.push({ item, match: { score, matches: [] } });
		}
		return matches.sort((a, b) => b.match.score - a.match.score);
	}

	renderSuggestion(match: FuzzyMatch<T>, el: HTMLElement): void {
		el.setText(this.getItemText(match.item));
	}

	onChooseSuggestion(
		match: FuzzyMatch<T>,
		evt: MouseEvent | KeyboardEvent,
	): void {
		this.onChooseItem(match.item, evt);
	}

	abstract getItems(): T[];
	abstract getItemText(item: T): string;
	abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
}
