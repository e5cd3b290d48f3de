/**
 * The asynchronous Clipboard API as Obsidian's Electron window offers it. Test pages are
 * about:blank, which is no secure context, so Chromium gives them no `navigator.clipboard`
 * and no `ClipboardItem`. The stand-in installs these instead, and its clipboard keeps the
 * last write in memory as the system clipboard does.
 */

type ClipboardData = string | Blob | PromiseLike<string | Blob>;

export class ClipboardItem {
	private readonly data: Record<string, ClipboardData>;

	constructor(items: Record<string, ClipboardData>) {
		this.data = { ...items };
	}

	get types(): string[] {
		return Object.keys(this.data);
	}

	async getType(type: string): Promise<Blob> {
		const data = this.data[type];
		if (data === undefined) {
			throw new DOMException(
				`The clipboard item has no ${type}.`,
				"NotFoundError",
			);
		}
		const resolved = await data;
		return typeof resolved === "string"
			? new Blob([resolved], { type })
			: resolved;
	}
}

/** What the clipboard holds: the items of the last write, and how many writes there were. */
export class Clipboard {
	items: ClipboardItem[] = [];
	writes = 0;

	async writeText(text: string): Promise<void> {
		await this.write([new ClipboardItem({ "text/plain": text })]);
	}

	async write(items: ClipboardItem[]): Promise<void> {
		this.items = [...items];
		this.writes++;
	}

	async read(): Promise<ClipboardItem[]> {
		return [...this.items];
	}

	async readText(): Promise<string> {
		const item = this.items.find((entry) => entry.types.includes("text/plain"));
		return item === undefined ? "" : (await item.getType("text/plain")).text();
	}
}

export const clipboard = new Clipboard();

/** Installs the clipboard in a window that has none, and leaves a real one in place. */
export function installClipboard(win: Window & typeof window): void {
	if (win.navigator.clipboard === undefined) {
		Object.defineProperty(win.navigator, "clipboard", {
			configurable: true,
			value: clipboard,
		});
	}
	if (!("ClipboardItem" in win)) {
		Object.defineProperty(win, "ClipboardItem", {
			configurable: true,
			writable: true,
			value: ClipboardItem,
		});
	}
}
