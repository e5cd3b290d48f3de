import {
	MarkdownRenderChild,
	Notice,
	finishRenderMath,
	renderMath,
	type App,
	type MarkdownPostProcessorContext,
} from "obsidian";
import {
	mountExportableBlock,
	type ExportableBlockView,
} from "../chart/export";
import type { ChartHost, ChartSettings } from "../chart/index";
import { showChartMenu, type ExportTarget } from "./chart-export";
import { logError } from "./log";
import { saveParameters } from "./save-parameters";

/** The charts drawn in open notes, so settings changes and commands can reach them. */
export class LiveCharts {
	private readonly children = new Set<ActivationBlockChild>();
	private touched: ActivationBlockChild | null = null;

	add(child: ActivationBlockChild): void {
		this.children.add(child);
	}

	remove(child: ActivationBlockChild): void {
		this.children.delete(child);
		if (this.touched === child) this.touched = null;
	}

	touch(child: ActivationBlockChild): void {
		this.touched = child;
	}

	/** Returns the chart the user last clicked or focused, while it is still drawn. */
	lastTouched(): ActivationBlockChild | null {
		return this.touched;
	}

	applySettings(settings: ChartSettings): void {
		for (const child of this.children) child.applySettings(settings);
	}

	/** Unloads every chart, for when the plugin itself unloads. */
	unloadAll(): void {
		for (const child of [...this.children]) child.unload();
		this.children.clear();
		this.touched = null;
	}

	get size(): number {
		return this.children.size;
	}
}

/** The plugin state that a block reads: the app, the settings and the live charts. */
export interface BlockOwner {
	app: App;
	settings: ChartSettings;
	charts: LiveCharts;
}

let mathFlushPending = false;

/**
 * Typesets TeX with Obsidian's MathJax. MathJax's stylesheet is written once per batch,
 * after the current rendering step, as `renderMath` requires.
 */
function renderChartMath(tex: string, display: boolean): HTMLElement {
	const element = renderMath(tex, display);
	if (!mathFlushPending) {
		mathFlushPending = true;
		void Promise.resolve().then(async () => {
			mathFlushPending = false;
			try {
				await finishRenderMath();
			} catch (error) {
				logError("Typesetting formulas failed.", error);
			}
		});
	}
	return element;
}

/**
 * One `activation` block in a note. Obsidian unloads it when the block's section goes,
 * and unloading destroys the chart with its listeners and observers.
 */
export class ActivationBlockChild extends MarkdownRenderChild {
	private view: ExportableBlockView | null = null;

	constructor(
		containerEl: HTMLElement,
		readonly source: string,
		private readonly ctx: MarkdownPostProcessorContext,
		private readonly owner: BlockOwner,
	) {
		super(containerEl);
	}

	override onload(): void {
		this.owner.charts.add(this);
		const el = this.containerEl;
		// PDF export renders into a `.print` container that is never scrolled into view,
		// and exports and embeds give no section information.
		const printing = el.closest(".print") !== null;
		const exported = printing || this.ctx.getSectionInfo(el) === null;
		const host: ChartHost = {
			renderMath: renderChartMath,
			saveParameters: printing ? null : (values) => void this.save(values),
			eager: exported,
		};
		try {
			this.view = mountExportableBlock(
				el,
				this.source,
				this.owner.settings,
				host,
			);
		} catch (error) {
			logError(`Drawing a block in ${this.ctx.sourcePath} failed.`, error);
			el.empty();
			el.createDiv({
				cls: "activation-error",
				text: "This chart could not be drawn because of an internal error. The developer console has details.",
			});
		}
		this.registerEvent(
			this.owner.app.workspace.on("css-change", () => this.refreshTheme()),
		);
		this.registerDomEvent(el, "pointerdown", () =>
			this.owner.charts.touch(this),
		);
		this.registerDomEvent(el, "focusin", () => this.owner.charts.touch(this));
		if (!printing) {
			this.registerDomEvent(el, "contextmenu", (event) => {
				this.owner.charts.touch(this);
				showChartMenu(event, this.exportTarget());
			});
		}
	}

	/** The chart and what saving it as an attachment needs, for the menu and commands. */
	exportTarget(): ExportTarget {
		const title =
			this.view?.element.querySelector(".activation-title")?.textContent ?? "";
		return {
			app: this.owner.app,
			view: this.view,
			sourcePath: this.ctx.sourcePath,
			title,
		};
	}

	override onunload(): void {
		this.owner.charts.remove(this);
		const view = this.view;
		this.view = null;
		if (view === null) return;
		try {
			view.destroy();
		} catch (error) {
			logError(`Removing a chart in ${this.ctx.sourcePath} failed.`, error);
		}
	}

	applySettings(settings: ChartSettings): void {
		this.guard("Applying settings", () => this.view?.applySettings(settings));
	}

	/** Writes the chart's current parameter values into its block. */
	async saveCurrentParameters(): Promise<void> {
		const view = this.view;
		if (view === null) return;
		await this.save(view.currentParameters());
	}

	private refreshTheme(): void {
		this.guard("Following the theme", () => this.view?.refreshTheme());
	}

	private async save(values: Record<string, number>): Promise<void> {
		const drawn = { ctx: this.ctx, el: this.containerEl, source: this.source };
		try {
			await saveParameters(this.owner.app, drawn, values);
		} catch (error) {
			logError(`Saving parameters to ${this.ctx.sourcePath} failed.`, error);
			new Notice(
				"Saving parameters failed. The developer console has details.",
			);
		}
	}

	/** Runs `step` so that a failing chart never breaks other charts or the caller. */
	private guard(what: string, step: () => void): void {
		try {
			step();
		} catch (error) {
			logError(`${what} in ${this.ctx.sourcePath} failed.`, error);
		}
	}
}
