import { MarkdownView, type Plugin } from "obsidian";
import type { LiveCharts } from "./block-child";
import { ActivationPicker, insertBlock } from "./insert-block";

/** Adds the plugin's commands. None has a default hotkey. */
export function addCommands(plugin: Plugin, charts: LiveCharts): void {
	plugin.addCommand({
		id: "insert-activation-block",
		name: "Insert activation block",
		checkCallback: (checking) => {
			const view = plugin.app.workspace.getActiveViewOfType(MarkdownView);
			if (view === null) return false;
			if (checking) return true;
			new ActivationPicker(plugin.app, (choice) =>
				insertBlock(view.editor, choice),
			).open();
			return true;
		},
	});

	plugin.addCommand({
		id: "save-chart-parameters",
		name: "Save parameters of the last used chart to its note",
		checkCallback: (checking) => {
			const child = charts.lastTouched();
			if (child === null) return false;
			if (checking) return true;
			void child.saveCurrentParameters();
			return true;
		},
	});
}
