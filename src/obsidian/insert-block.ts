import {
	FuzzySuggestModal,
	type App,
	type Editor,
	type FuzzyMatch,
} from "obsidian";
import { CATALOG } from "../kernel";

/** The fields of a catalog activation that the picker shows and inserts. */
export interface CatalogChoice {
	name: string;
	description: string;
	parameters: readonly { name: string; default: number }[];
}

/** Returns the block text for `choice`, with its parameters at their defaults. */
export function blockFor(choice: CatalogChoice): string {
	const lines = ["```activation", `function: ${choice.name}`];
	if (choice.parameters.length > 0) {
		lines.push("params:");
		for (const parameter of choice.parameters) {
			lines.push(`  ${parameter.name}: ${parameter.default}`);
		}
	}
	lines.push("```", "");
	return lines.join("\n");
}

/** Inserts the block for `choice` at the cursor, on lines of its own. */
export function insertBlock(editor: Editor, choice: CatalogChoice): void {
	const cursor = editor.getCursor();
	const before = editor.getLine(cursor.line).slice(0, cursor.ch);
	const text = (before.trim() === "" ? "" : "\n") + blockFor(choice);
	editor.replaceRange(text, cursor);
}

/** Lets the user pick a catalog activation by name or description. */
export class ActivationPicker extends FuzzySuggestModal<CatalogChoice> {
	constructor(
		app: App,
		private readonly onPick: (choice: CatalogChoice) => void,
	) {
		super(app);
		this.setPlaceholder("Activation function, such as gelu or leaky relu");
	}

	getItems(): CatalogChoice[] {
		return [...CATALOG];
	}

	getItemText(choice: CatalogChoice): string {
		return `${choice.name} ${choice.description}`;
	}

	override renderSuggestion(
		match: FuzzyMatch<CatalogChoice>,
		el: HTMLElement,
	): void {
		el.createDiv({ text: match.item.name });
		el.createEl("small", { text: match.item.description });
	}

	onChooseItem(choice: CatalogChoice): void {
		this.onPick(choice);
	}
}
