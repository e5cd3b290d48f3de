import { normalizePath } from "./ui";
import type { Vault } from "./workspace";

/** Returns the folder of a vault path, "" for the vault root. */
function folderOf(path: string): string {
	const slash = path.lastIndexOf("/");
	return slash === -1 ? "" : path.slice(0, slash);
}

function joinPath(folder: string, name: string): string {
	return folder === "" ? name : `${folder}/${name}`;
}

export class FileManager {
	/**
	 * The "Default location for new attachments" setting, in the form Obsidian stores it:
	 * "/" for the vault root, "./" for the note's folder, "./name" for a subfolder of the
	 * note's folder, or a folder path. A stand-in extra that starts at the vault root.
	 */
	attachmentFolderPath = "/";

	constructor(private readonly vault: Vault) {}

	/**
	 * Returns a free path for an attachment of the note at `sourcePath`: the folder the
	 * setting names, and " 1", " 2" ... before the extension when the name is taken.
	 *
	 * NOTE: that numbering follows what Obsidian shows users, not a reading of its source.
	 */
	async getAvailablePathForAttachment(
		filename: string,
		sourcePath = "",
	): Promise<string> {
		const setting = this.attachmentFolderPath;
		let folder: string;
		if (setting === "/" || setting === "") {
			folder = "";
		} else if (setting === "." || setting.startsWith("./")) {
			folder = joinPath(folderOf(sourcePath), setting.slice(2));
		} else {
			folder = setting;
		}
		folder = folder === "" ? "" : normalizePath(folder);

		const dot = filename.lastIndexOf(".");
		const base = dot <= 0 ? filename : filename.slice(0, dot);
		const extension = dot <= 0 ? "" : filename.slice(dot);
		let candidate = joinPath(folder, filename);
		for (let n = 1; this.vault.getAbstractFileByPath(candidate) !== null; n++) {
			candidate = joinPath(folder, `${base} ${n}${extension}`);
		}
		return candidate;
	}
}
