import { DEFAULT_BLOCK_DEFAULTS, type BlockDefaults } from "../block/spec";

/** Settings that shape every chart; the plugin's settings tab edits them. */
export interface ChartSettings {
	defaults: BlockDefaults;
	/** Width of the function lines in CSS pixels. */
	lineWidth: number;
	/** Animate the first drawing; updates from sliders and zoom never animate. */
	animate: boolean;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = {
	defaults: DEFAULT_BLOCK_DEFAULTS,
	lineWidth: 2,
	animate: true,
};

/** Services that the environment (Obsidian or the HTML preview) provides to a chart. */
export interface ChartHost {
	/** Renders TeX as an element (Obsidian's renderMath), or null where math cannot be typeset. */
	renderMath: ((tex: string, display: boolean) => HTMLElement) | null;
	/** Writes slider values into the block's params; null hides the "Save parameters to note" button. */
	saveParameters: ((values: Record<string, number>) => void) | null;
	/** Draw immediately instead of waiting until the block scrolls into view (print/export containers). */
	eager: boolean;
}

/** A mounted block, as the host uses it. */
export interface ActivationBlockView {
	/** The block's root element, inside the container given to mountActivationBlock. */
	readonly element: HTMLElement;
	/** Re-reads the CSS variables and redraws, after a theme change. */
	refreshTheme(): void;
	/** Re-parses the block with the new defaults and redraws it. */
	applySettings(settings: ChartSettings): void;
	/** The slider values, or the block's own values before the chart is drawn. */
	currentParameters(): Record<string, number>;
	/** Destroys every Chart.js instance, observer, listener and frame request, and removes the element. */
	destroy(): void;
}
