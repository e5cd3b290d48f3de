import { Plugin } from "obsidian";
import { DEFAULT_CHART_SETTINGS, type ChartSettings } from "./src/chart/index";
import { ActivationBlockChild, LiveCharts } from "./src/obsidian/block-child";
import { addCommands } from "./src/obsidian/commands";
import { parseStoredSettings } from "./src/obsidian/settings";
import { ActivationSettingTab } from "./src/obsidian/settings-tab";

export default class ActivationChartsPlugin extends Plugin {
	override settings: ChartSettings = parseStoredSettings(
		null,
		DEFAULT_CHART_SETTINGS,
	);
	readonly charts = new LiveCharts();

	override async onload(): Promise<void> {
		this.settings = parseStoredSettings(
			await this.loadData(),
			DEFAULT_CHART_SETTINGS,
		);

		this.registerMarkdownCodeBlockProcessor("activation", (source, el, ctx) => {
			ctx.addChild(new ActivationBlockChild(el, source, ctx, this));
		});
		// Charts belong to their notes' sections; this also removes them when the plugin
		// is disabled while notes stay open.
		this.register(() => this.charts.unloadAll());

		this.addSettingTab(new ActivationSettingTab(this.app, this));
		addCommands(this, this.charts);
	}

	/** Obsidian calls this when data.json changed on disk, for example through sync. */
	override async onExternalSettingsChange(): Promise<void> {
		this.settings = parseStoredSettings(
			await this.loadData(),
			DEFAULT_CHART_SETTINGS,
		);
		this.charts.applySettings(this.settings);
	}

	async updateSettings(next: ChartSettings): Promise<void> {
		this.settings = next;
		this.charts.applySettings(next);
		await this.saveData(next);
	}
}
