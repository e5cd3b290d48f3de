import {
	type Dirent,
	existsSync,
	readdirSync,
	readFileSync,
	realpathSync,
	statSync,
} from "node:fs";
import {
	basename,
	dirname,
	extname,
	isAbsolute,
	join,
	relative,
	resolve,
} from "node:path";

/** Media types of the image formats a browser shows in <img>, by lower-case extension. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
	".apng": "image/apng",
	".avif": "image/avif",
	".bmp": "image/bmp",
	".gif": "image/gif",
	".ico": "image/x-icon",
	".jpeg": "image/jpeg",
	".jpg": "image/jpeg",
	".png": "image/png",
	".svg": "image/svg+xml",
	".webp": "image/webp",
};

/** Images larger than this get a placeholder, so that the page stays small enough to open. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Folders of a vault that hold no notes or attachments. */

const SKIPPED_FOLDERS = new Set([
	".obsidian",
	".trash",
	".git",
	"node_modules",
]);

/** Maximum number of files the name index reads, so that a huge folder cannot stall the preview. */
const MAX_INDEXED_FILES = 50_000;

export type ResolvedImage =
	| { ok: true; dataUri: string }
	| { ok: false; reason: "missing" | "not-an-image" | "too-large" | "remote" };

/** Returns true when `path` names an image format that a browser can show. */
export function isImagePath(path: string): boolean {
	return extname(path).toLowerCase() in IMAGE_TYPES;
}

function isInside(root: string, path: string): boolean {
	const fromRoot = relative(root, path);
	return (
		fromRoot === "" || (!fromRoot.startsWith("..") && !isAbsolute(fromRoot))
	);
}

/**
 * Finds the files that a note embeds and reads them as data: URIs. Lookups approximate
 * Obsidian's: a path relative to the note, then a path from the vault root, then any file
 * in the vault with that name. Nothing outside the vault root is read, symbolic links
 * included.
 */
export class VaultImages {
	private readonly root: string;
	private byName: Map<string, string> | null = null;

	constructor(vaultRoot: string) {
		this.root = realpathSync(vaultRoot);
	}

	/** Resolves `target` (a link target as written) for the note in `noteFolder`. */
	resolve(target: string, noteFolder: string): ResolvedImage {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
			return { ok: false, reason: "remote" };
		}
		if (!isImagePath(target)) {
			return { ok: false, reason: "not-an-image" };
		}

		const file = this.find(target, noteFolder);
		if (file === null) {
			return { ok: false, reason: "missing" };
		}
		if (statSync(file).size > MAX_IMAGE_BYTES) {
			return { ok: false, reason: "too-large" };
		}

		const type =
			IMAGE_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
		const data = readFileSync(file).toString("base64");
		return { ok: true, dataUri: `data:${type};base64,${data}` };
	}

	private find(target: string, noteFolder: string): string | null {
		const candidates = [
			resolve(noteFolder, target),
			resolve(this.root, target),
		];
		for (const candidate of candidates) {
			const file = this.inVault(candidate);
			if (file !== null) {
				return file;
			}
		}

		const byName = this.nameIndex().get(basename(target).toLowerCase());
		return byName ?? null;
	}

	/** Returns the real path of `path` when it is a file inside the vault, else null. */
	private inVault(path: string): string | null {
		if (!existsSync(path)) {
			return null;
		}
		const real = realpathSync(path);
		if (!isInside(this.root, real) || !statSync(real).isFile()) {
			return null;
		}
		return real;
	}

	/** Maps lower-case file names to the shallowest file of that name in the vault. */
	private nameIndex(): Map<string, string> {
		if (this.byName !== null) {
			return this.byName;
		}

		const index = new Map<string, string>();
		let folders = [this.root];
		let count = 0;
		while (folders.length > 0 && count < MAX_INDEXED_FILES) {
			const next: string[] = [];
			for (const folder of folders) {
				for (const entry of readFolder(folder)) {
					count += 1;
					const path = join(folder, entry.name);
					if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
						next.push(path);
					} else if (entry.isFile() && !index.has(entry.name.toLowerCase())) {
						index.set(entry.name.toLowerCase(), path);
					}
				}
			}
			folders = next.sort();
		}

		this.byName = index;
		return index;
	}
}

/** Lists a folder, or nothing when it cannot be read (no permission, removed meanwhile). */
function readFolder(folder: string): Dirent[] {
	try {
		return readdirSync(folder, { withFileTypes: true });
	} catch {
		return [];
	}
}

/**
 * Returns the vault root for a note or folder: the nearest folder at or above it that
 * contains `.obsidian`, else the note's own folder (or the folder itself).
 */
export function findVaultRoot(path: string): string {
	const start = statSync(path).isDirectory()
		? resolve(path)
		: dirname(resolve(path));
	let folder = start;
	for (;;) {
		if (existsSync(join(folder, ".obsidian"))) {
			return folder;
		}
		const parent = dirname(folder);
		if (parent === folder) {
			return start;
		}
		folder = parent;
	}
}
