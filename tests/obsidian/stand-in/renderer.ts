import { Component } from "./component";
import type {
	App,
	MarkdownPostProcessorContext,
	MarkdownSectionInformation,
	TFile,
} from "./workspace";

export interface RenderOptions {
	/**
	 * False for renderings that Obsidian gives no section information, such as PDF
	 * export and embeds: `getSectionInfo` then returns null.
	 */
	sectionInfo?: boolean;
}

/** A top-level block of the note: lines `lineStart` to `lineEnd`, 0-based, inclusive. */
interface Section {
	lineStart: number;
	lineEnd: number;
	/** The fenced block's language, or null for other Markdown. */
	language: string | null;
	/** The fenced block's body, or the section's text. */
	source: string;
	el: HTMLElement | null;
	component: Component | null;
}

const FENCE = /^(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/** Splits Markdown into fenced blocks and paragraphs separated by blank lines. */
function splitSections(text: string): Section[] {
	const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
	const sections: Section[] = [];
	let index = 0;
	while (index < lines.length) {
		const line = lines[index] ?? "";
		if (line.trim() === "") {
			index++;
			continue;
		}
		const fence = FENCE.exec(line);
		const start = index;
		if (fence !== null) {
			const marker = fence[1] ?? "```";
			index++;
			const body: string[] = [];
			while (index < lines.length) {
				const closing = (lines[index] ?? "").trim();
				if (
					closing.startsWith(marker) &&
					closing.replace(new RegExp(`\\${marker[0]}`, "g"), "") === ""
				)
					break;
				body.push(lines[index] ?? "");
				index++;
			}
			const end = Math.min(index, lines.length - 1);
			sections.push({
				lineStart: start,
				lineEnd: end,
				language: fence[2] ?? "",
				source: body.join("\n"),
				el: null,
				component: null,
			});
			index = end + 1;
			continue;
		}
		while (
			index < lines.length &&
			(lines[index] ?? "").trim() !== "" &&
			FENCE.exec(lines[index] ?? "") === null
		) {
			index++;
		}
		const paragraph = lines.slice(start, index).join("\n");
		sections.push({
			lineStart: start,
			lineEnd: index - 1,
			language: null,
			source: paragraph,
			el: null,
			component: null,
		});
	}
	return sections;
}

/**
 * Reading view of one note: one element and one component per section, code blocks
 * handed to the registered processors. Like Obsidian, it can unload a section that
 * scrolled far away and create it again later.
 */
export class NoteRenderer extends Component {
	readonly sizerEl: HTMLElement;
	private sections: Section[] = [];
	private text = "";
	private docCount = 0;

	constructor(
		readonly app: App,
		readonly containerEl: HTMLElement,
		readonly file: TFile,
		private readonly options: RenderOptions = {},
	) {
		super();
		const view = containerEl.createDiv({
			cls: "markdown-preview-view markdown-rendered",
		});
		this.sizerEl = view.createDiv({
			cls: "markdown-preview-sizer markdown-preview-section",
		});
	}

	override onload(): void {
		this.text = this.app.vault.peek(this.file.path) ?? "";
		this.sections = splitSections(this.text);
		for (const section of this.sections) this.createSection(section, null);
	}

	override onunload(): void {
		for (const section of this.sections) this.dropSection(section);
	}

	get sectionCount(): number {
		return this.sections.length;
	}

	/** Indices of the sections that are code blocks in `language`. */
	blocks(language: string): number[] {
		return this.sections.flatMap((section, index) =>
			section.language === language ? [index] : [],
		);
	}

	sectionEl(index: number): HTMLElement | null {
		return this.sections[index]?.el ?? null;
	}

	/** Removes a section's element and unloads its component, as scrolling far away does. */
	unloadSection(index: number): void {
		const section = this.sections[index];
		if (section !== undefined) this.dropSection(section);
	}

	/** Renders a section again in its place, as scrolling back does. */
	recreateSection(index: number): void {
		const section = this.sections[index];
		if (section === undefined || section.el !== null) return;
		const next = this.sections
			.slice(index + 1)
			.find((other) => other.el !== null);
		this.createSection(section, next?.el ?? null);
	}

	private dropSection(section: Section): void {
		if (section.component !== null) this.removeChild(section.component);
		section.component = null;
		section.el?.remove();
		section.el = null;
	}

	private createSection(section: Section, before: HTMLElement | null): void {
		const doc = this.containerEl.ownerDocument;
		const el = doc.createElement("div");
		this.sizerEl.insertBefore(el, before);
		section.el = el;
		const component = this.addChild(new Component());
		section.component = component;

		const handler =
			section.language === null
				? undefined
				: this.app.codeBlockProcessors.get(section.language);
		if (section.language === null) {
			el.createEl("p", { text: section.source });
			return;
		}
		el.addClass("el-pre");
		if (handler === undefined) {
			el.createEl("pre", { text: section.source });
			return;
		}
		const blockEl = el.createDiv({ cls: `block-language-${section.language}` });
		const ctx: MarkdownPostProcessorContext = {
			docId: `doc-${this.docCount++}`,
			sourcePath: this.file.path,
			frontmatter: null,
			addChild: (child) => component.addChild(child),
			getSectionInfo: (target) => this.sectionInfo(target),
		};
		try {
			void handler(section.source, blockEl, ctx);
		} catch (error) {
			console.error(error);
		}
	}

	private sectionInfo(target: HTMLElement): MarkdownSectionInformation | null {
		if (this.options.sectionInfo === false) return null;
		const section = this.sections.find(
			(candidate) => candidate.el?.contains(target) === true,
		);
		if (section === undefined) return null;
		return {
			text: this.text,
			lineStart: section.lineStart,
			lineEnd: section.lineEnd,
		};
	}
}
