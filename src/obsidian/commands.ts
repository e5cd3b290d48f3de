import { MarkdownView, type Plugin } from "obsidian";
import type { LiveCharts } from "./block-child";
import {
	copyChartData,
	copyChartImage,
	runExport,
	saveChartImage,
	type ExportTarget,
} from "./chart-export";
import { ActivationPicker, insertBlock } from "./insert-block";

/** The export commands: id, name, what the notice calls the action, and the action. */
const EXPORT_COMMANDS: readonly {
	id: string;
	name: string;
	what: string;
	run: (target: ExportTarget) => Promise<void>;
}[] = [
	{
		id: "copy-chart-png",
		name: "Copy last used chart as PNG",
		what: "Copying the chart",
		run: copyChartImage,
	},
	{
		id: "save-chart-png",
		name: "Save last used chart as PNG",
		what: "Saving the chart",
		run: saveChartImage,
	},
	{
		id: "copy-chart-csv",
		name: "Copy data of last used chart as CSV",
		what: "Copying the chart data",
		run: (target) => copyChartData(target, "csv"),
	},
	{
		id: "copy-chart-markdown",
		name: "Copy data of last used chart as Markdown table",
		what: "Copying the chart data",
		run: (target) => copyChartData(target, "markdown"),
	},
];

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

	for (const command of EXPORT_COMMANDS) {
		plugin.addCommand({
			id: command.id,
			name: command.name,
			checkCallback: (checking) => {
				const child = charts.lastTouched();
				if (child === null) return false;
				if (checking) return true;
				const target = child.exportTarget();
				runExport(command.what, () => command.run(target));
				return true;
			},
		});
	}
}
