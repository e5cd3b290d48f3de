import { Component, Events } from "./component";
import { FileManager } from "./file-manager";

export abstract class TAbstractFile {
	constructor(
		readonly vault: Vault,
		public path: string,
	) {}

	get name(): string {
		return this.path.split("/").pop() ?? this.path;
	}
}

export class TFile extends TAbstractFile {
	get basename(): string {
		return this.name.replace(/\.[^.]*$/, "");
	}

	get extension(): string {
		return /\.([^.]*)$/.exec(this.name)?.[1] ?? "";
	}
}

/**
 * Notes and binary files held in memory. `process` reads, transforms and writes in one
 * synchronous step.
 */
export class Vault extends Events {
	private readonly files = new Map<string, { file: TFile; data: string }>();
	private readonly binaries = new Map<
		string,
		{ file: TFile; data: ArrayBuffer }
	>();
	/** Writes so far, oldest first; a stand-in extra for tests. */
	readonly writes: string[] = [];

	/** Adds a note; a stand-in extra for setting up tests. */
	addNote(path: string, data: string): TFile {
		const file = new TFile(this, path);
		this.files.set(path, { file, data });
		return file;
	}

	/** A note's text without going through the API; a stand-in extra for tests. */
	peek(path: string): string | undefined {
		return this.files.get(path)?.data;
	}

	getAbstractFileByPath(path: string): TAbstractFile | null {
		return this.files.get(path)?.file ?? this.binaries.get(path)?.file ?? null;
	}

	/** Creates a binary file from a copy of `data`, and rejects a path that is taken. */
	async createBinary(path: string, data: ArrayBuffer): Promise<TFile> {
		if (this.getAbstractFileByPath(path) !== null) {
			throw new Error(`File already exists: ${path}`);
		}
		const file = new TFile(this, path);
		this.binaries.set(path, { file, data: data.slice(0) });
		this.writes.push(path);
		this.trigger("create", file);
		return file;
	}

	async readBinary(file: TFile): Promise<ArrayBuffer> {
		const entry = this.binaries.get(file.path);
		if (entry === undefined) throw new Error(`File not found: ${file.path}`);
		return entry.data.slice(0);
	}

	async read(file: TFile): Promise<string> {
		return this.entry(file).data;
	}

	async cachedRead(file: TFile): Promise<string> {
		return this.entry(file).data;
	}

	async modify(file: TFile, data: string): Promise<void> {
		this.write(file, data);
	}

	async process(file: TFile, fn: (data: string) => string): Promise<string> {
		const data = fn(this.entry(file).data);
		this.write(file, data);
		return data;
	}

	/** Writes without going through a view; a stand-in extra for tests. */
	write(file: TFile, data: string): void {
		const entry = this.entry(file);
		if (entry.data === data) return;
		entry.data = data;
		this.writes.push(file.path);
		this.trigger("modify", file);
	}

	private entry(file: TFile): { file: TFile; data: string } {
		const entry = this.files.get(file.path);
		if (entry === undefined) throw new Error(`File not found: ${file.path}`);
		return entry;
	}
}

export interface EditorPosition {
	line: number;
	ch: number;
}

/** A plain-text editor: positions are lines and characters, each edit can be undone. */
export class Editor {
	private text: string;
	private cursor: EditorPosition = { line: 0, ch: 0 };
	private readonly history: string[] = [];

	constructor(
		text: string,
		private readonly onChange: (text: string) => void,
	) {
		this.text = text;
	}

	getValue(): string {
		return this.text;
	}

	setValue(content: string): void {
		this.history.push(this.text);
		this.text = content;
		this.onChange(content);
	}

	getLine(line: number): string {
		return this.text.split("\n")[line] ?? "";
	}

	lineCount(): number {
		return this.text.split("\n").length;
	}

	getCursor(): EditorPosition {
		return { ...this.cursor };
	}

	setCursor(pos: EditorPosition): void {
		this.cursor = { ...pos };
	}

	posToOffset(pos: EditorPosition): number {
		const lines = this.text.split("\n");
		if (pos.line >= lines.length) return this.text.length;
		let offset = 0;
		for (let line = 0; line < pos.line; line++)
			offset += (lines[line] ?? "").length + 1;
		return offset + Math.min(pos.ch, (lines[pos.line] ?? "").length);
	}

	replaceRange(
		replacement: string,
		from: EditorPosition,
		to?: EditorPosition,
	): void {
		const start = this.posToOffset(from);
		const end = to === undefined ? start : this.posToOffset(to);
		this.setValue(
			this.text.slice(0, start) + replacement + this.text.slice(end),
		);
	}

	undo(): void {
		const previous = this.history.pop();
		if (previous === undefined) return;
		this.text = previous;
		this.onChange(previous);
	}
}

export abstract class View extends Component {
	constructor(readonly leaf: WorkspaceLeaf) {
		super();
	}

	abstract getViewType(): string;
}

/** A note open for editing; edits reach the vault at once, as if saved immediately. */
export class MarkdownView extends View {
	readonly editor: Editor;

	constructor(
		leaf: WorkspaceLeaf,
		readonly file: TFile,
	) {
		super(leaf);
		const vault = file.vault;
		this.editor = new Editor(vault.peek(file.path) ?? "", (text) =>
			vault.write(file, text),
		);
	}

	getViewType(): string {
		return "markdown";
	}

	getMode(): "source" | "preview" {
		return "source";
	}
}

export class WorkspaceLeaf extends Events {
	view: View | null = null;
}

export class Workspace extends Events {
	private readonly leaves: WorkspaceLeaf[] = [];
	private activeLeaf: WorkspaceLeaf | null = null;

	/** Opens `file` in a new Markdown leaf and makes it active; a stand-in extra. */
	openNote(file: TFile): MarkdownView {
		const leaf = new WorkspaceLeaf();
		const view = new MarkdownView(leaf, file);
		leaf.view = view;
		this.leaves.push(leaf);
		this.activeLeaf = leaf;
		return view;
	}

	/** Closes every leaf; a stand-in extra. */
	closeAll(): void {
		this.leaves.length = 0;
		this.activeLeaf = null;
	}

	getActiveViewOfType<T extends View>(
		type: abstract new (...args: never[]) => T,
	): T | null {
		const view = this.activeLeaf?.view;
		return view instanceof type ? view : null;
	}

	getLeavesOfType(viewType: string): WorkspaceLeaf[] {
		return this.leaves.filter((leaf) => leaf.view?.getViewType() === viewType);
	}
}

/** A code-block processor as `registerMarkdownCodeBlockProcessor` takes it. */
export type CodeBlockHandler = (
	source: string,
	el: HTMLElement,
	ctx: MarkdownPostProcessorContext,
) => Promise<unknown> | void;

export interface MarkdownSectionInformation {
	text: string;
	lineStart: number;
	lineEnd: number;
}

export interface MarkdownPostProcessorContext {
	docId: string;
	sourcePath: string;
	frontmatter: unknown;
	addChild(child: Component): void;
	getSectionInfo(el: HTMLElement): MarkdownSectionInformation | null;
}

/** A command as the app stores it: the plugin's id and a colon before the command's id. */
export interface Command {
	id: string;
	name: string;
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => boolean | void;
	hotkeys?: unknown[];
}

export class App {
	readonly vault = new Vault();
	readonly fileManager = new FileManager(this.vault);
	readonly workspace = new Workspace();
	/** Stand-in extras: what plugins registered, and their saved data by plugin id. */
	readonly codeBlockProcessors = new Map<string, CodeBlockHandler>();
	readonly commands = new Map<string, Command>();
	readonly settingTabs: {
		display(): void;
		hide(): void;
		containerEl: HTMLElement;
	}[] = [];
	readonly pluginData = new Map<string, string>();

	/** Runs a command as the command palette does; returns false when it is unavailable. */
	executeCommandById(id: string): boolean {
		const command = this.commands.get(id);
		if (command === undefined) return false;
		if (command.checkCallback !== undefined) {
			if (command.checkCallback(true) !== true) return false;
			command.checkCallback(false);
			return true;
		}
		command.callback?.();
		return command.callback !== undefined;
	}
}
