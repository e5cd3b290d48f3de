import { App, Plugin, PluginSettingTab, Setting } from "obsidian";
import type { ChartSettings } from "../chart/index";
import {
	ANNOTATIONS,
	LAYOUTS,
	type Annotation,
	type Layout,
	type Panel,
} from "../block/spec";
import {
	LINE_WIDTH_RANGE,
	checkDomain,
	checkDomainBound,
	checkLineWidth,
	checkSamples,
	copySettings,
	type Checked,
} from "./settings";

/** The plugin as the tab uses it: the settings in use and a way to replace them. */
export interface SettingsOwner extends Plugin {
	settings: ChartSettings;
	/** Saves the settings and applies them to every open chart. */
	updateSettings(next: ChartSettings): Promise<void>;
}

const LAYOUT_NAMES: Record<Layout, string> = {
	"side-by-side": "Side by side",
	stacked: "Stacked",
	overlay: "Overlay (one chart, two axes)",
};

const PANEL_CHOICES: Record<string, Panel[]> = {
	both: ["value", "gradient"],
	value: ["value"],
	gradient: ["gradient"],
};

const PANEL_NAMES: Record<string, string> = {
	both: "Value and gradient",
	value: "Value only",
	gradient: "Gradient only",
};

const ANNOTATION_NAMES: Record<Annotation, { name: string; desc: string }> = {
	"max-gradient": {
		name: "Mark the maximum gradient",
		desc: "Marks where |f'(x)| is largest.",
	},
	saturation: {
		name: "Shade saturation",
		desc: "Shades where |f'(x)| is below 1% of its maximum over the domain.",
	},
	kinks: {
		name: "Mark kinks",
		desc: "Marks points where the function is not smooth, with the gradient on each side.",
	},
};

/** Shows `message` under a setting's description while its input is invalid. */
class InputProblem {
	private readonly messageEl: HTMLElement;

	constructor(setting: Setting) {
		this.messageEl = setting.descEl.createDiv({ cls: "mod-warning" });
	}

	show<T>(checked: Checked<T>): checked is { ok: true; value: T } {
		this.messageEl.setText(checked.ok ? "" : checked.message);
		return checked.ok;
	}
}

// NOTE: The declarative settings API (getSettingDefinitions) needs Obsidian 1.13.0, so
// the tab builds its settings in display(), which older versions call, and its settings
// do not appear in the settings search of 1.13.0 and later.
export class ActivationSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		private readonly owner: SettingsOwner,
	) {
		super(app, owner);
	}

	override display(): void {
		this.containerEl.empty();
		new Setting(this.containerEl).setName("Chart defaults").setHeading();
		this.addDomain();
		this.addSamples();
		this.addLayout();
		this.addPanels();
		new Setting(this.containerEl).setName("Annotations").setHeading();
		for (const annotation of ANNOTATIONS) this.addAnnotation(annotation);
		new Setting(this.containerEl).setName("Appearance").setHeading();
		this.addCaption();
		this.addLineWidth();
		this.addAnimate();
	}

	private async change(edit: (next: ChartSettings) => void): Promise<void> {
		const next = copySettings(this.owner.settings);
		edit(next);
		await this.owner.updateSettings(next);
	}

	private addDomain(): void {
		const setting = new Setting(this.containerEl)
			.setName("Domain")
			.setDesc("Used by blocks that set no domain of their own.");
		const problem = new InputProblem(setting);
		const typed = this.owner.settings.defaults.domain.map(String);

		const save = async (): Promise<void> => {
			const min = checkDomainBound(typed[0] ?? "", "minimum");
			if (!problem.show(min)) return;
			const max = checkDomainBound(typed[1] ?? "", "maximum");
			if (!problem.show(max)) return;
			const domain = checkDomain(min.value, max.value);
			if (!problem.show(domain)) return;
			await this.change((next) => (next.defaults.domain = domain.value));
		};

		for (const [index, label] of ["Minimum", "Maximum"].entries()) {
			setting.addText((text) =>
				text
					.setPlaceholder(label)
					.setValue(typed[index] ?? "")
					.onChange(async (value) => {
						typed[index] = value;
						await save();
					}),
			);
		}
	}

	private addSamples(): void {
		const setting = new Setting(this.containerEl)
			.setName("Samples")
			.setDesc("Grid points across the domain, both ends included.");
		const problem = new InputProblem(setting);
		setting.addText((text) =>
			text
				.setValue(String(this.owner.settings.defaults.samples))
				.onChange(async (value) => {
					const samples = checkSamples(value);
					if (!problem.show(samples)) return;
					await this.change((next) => (next.defaults.samples = samples.value));
				}),
		);
	}

	private addLayout(): void {
		new Setting(this.containerEl)
			.setName("Layout")
			.setDesc("How the value and gradient panels are arranged.")
			.addDropdown((dropdown) => {
				for (const layout of LAYOUTS)
					dropdown.addOption(layout, LAYOUT_NAMES[layout]);
				dropdown
					.setValue(this.owner.settings.defaults.layout)
					.onChange(async (value) => {
						const layout = LAYOUTS.find((option) => option === value);
						if (layout === undefined) return;
						await this.change((next) => (next.defaults.layout = layout));
					});
			});
	}

	private addPanels(): void {
		const shown = this.owner.settings.defaults.show;
		const current = shown.length === 2 ? "both" : (shown[0] ?? "both");
		new Setting(this.containerEl)
			.setName("Panels shown")
			.setDesc("Which panels blocks without a show key draw.")
			.addDropdown((dropdown) =>
				dropdown
					.addOptions(PANEL_NAMES)
					.setValue(current)
					.onChange(async (value) => {
						const panels = PANEL_CHOICES[value];
						if (panels === undefined) return;
						await this.change((next) => (next.defaults.show = [...panels]));
					}),
			);
	}

	private addAnnotation(annotation: Annotation): void {
		const { name, desc } = ANNOTATION_NAMES[annotation];
		new Setting(this.containerEl)
			.setName(name)
			.setDesc(desc)
			.addToggle((toggle) =>
				toggle
					.setValue(this.owner.settings.defaults.annotate.includes(annotation))
					.onChange(async (on) => {
						await this.change((next) => {
							const others = next.defaults.annotate.filter(
								(item) => item !== annotation,
							);
							const chosen = on ? [...others, annotation] : others;
							next.defaults.annotate = ANNOTATIONS.filter((item) =>
								chosen.includes(item),
							);
						});
					}),
			);
	}

	private addCaption(): void {
		new Setting(this.containerEl)
			.setName("Show formulas")
			.setDesc("Writes each function's formula and gradient under its chart.")
			.addToggle((toggle) =>
				toggle
					.setValue(this.owner.settings.defaults.caption)
					.onChange(async (on) => {
						await this.change((next) => (next.defaults.caption = on));
					}),
			);
	}

	private addLineWidth(): void {
		const { min, max, step } = LINE_WIDTH_RANGE;
		new Setting(this.containerEl)
			.setName("Line width")
			.setDesc("Width of the curves, in pixels.")
			.addSlider((slider) =>
				slider
					.setLimits(min, max, step)
					.setValue(this.owner.settings.lineWidth)
					.onChange(async (value) => {
						const width = checkLineWidth(value);
						if (!width.ok) return;
						await this.change((next) => (next.lineWidth = width.value));
					}),
			);
	}

	private addAnimate(): void {
		new Setting(this.containerEl)
			.setName("Animate")
			.setDesc(
				"Animates charts when they first draw. Print and PDF export never animate.",
			)
			.addToggle((toggle) =>
				toggle.setValue(this.owner.settings.animate).onChange(async (on) => {
					await this.change((next) => (next.animate = on));
				}),
			);
	}
}
