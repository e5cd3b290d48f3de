import { evaluateSpec, parseBlock } from "../block";
import type { ActivationSpec } from "../block/spec";
import { createElement, removeChildren, windowOf } from "./dom";
import { renderErrors } from "./errors";
import type { ActivationBlockView, ChartHost, ChartSettings } from "./settings";
import { logError } from "./log";
import { ChartView } from "./view";

/**
 * Distance beyond the viewport at which a block starts drawing, so a chart is usually
 * ready by the time it scrolls in. It applies to the window's viewport only: inside a
 * scrolling pane the block draws when it enters the pane's visible part.
 */
const LAZY_MARGIN = "600px 0px";

function renderFailure(root: HTMLElement, error: unknown): void {
	logError("drawing a chart failed", error);
	const box = createElement(root, "div", "activation-error");
	const reason = error instanceof Error ? error.message : String(error);
	createElement(
		box,
		"div",
		"activation-error-message",
		`The chart could not be drawn: ${reason}`,
	);
}

/** One mounted block: parses, waits for visibility unless eager, and rebuilds on new settings. */
class MountedBlock implements ActivationBlockView {
	readonly element: HTMLElement;
	private view: ChartView | null = null;
	private spec: ActivationSpec | null = null;
	private visibility: IntersectionObserver | null = null;
	/**
	 * Resolves once the block has drawn its chart or its errors, or has found that it is
	 * off screen and waits. The HTML preview waits on it before it reports being ready.
	 */
	readonly settled: Promise<void>;
	private settle: () => void = () => undefined;

	constructor(
		container: HTMLElement,
		private readonly source: string,
		private settings: ChartSettings,
		private readonly host: ChartHost,
	) {
		this.element = createElement(container, "div", "activation-chart");
		this.settled = new Promise((resolve) => {
			this.settle = resolve;
		});
		this.build();
	}

	refreshTheme(): void {
		this.guard(() => this.view?.refreshTheme());
	}

	applySettings(settings: ChartSettings): void {
		this.settings = settings;
		this.teardown();
		this.build();
	}

	currentParameters(): Record<string, number> {
		if (this.view !== null) {
			return this.view.currentParameters();
		}
		const parameters = this.spec?.parameters ?? [];
		return Object.fromEntries(
			parameters.map((parameter) => [parameter.name, parameter.value]),
		);
	}

	destroy(): void {
		this.settle();
		this.teardown();
		this.element.remove();
	}

	private build(): void {
		this.guard(() => {
			const result = parseBlock(this.source, this.settings.defaults);
			if (!result.ok) {
				renderErrors(this.element, result.errors, this.source);
				return;
			}
			const spec = result.spec;
			this.spec = spec;
			this.view = new ChartView(
				this.element,
				spec,
				(options) => evaluateSpec(spec, options),
				{
					lineWidth: this.settings.lineWidth,
					animate: this.settings.animate && !this.host.eager,
					renderMath: this.host.renderMath,
					saveParameters: this.host.saveParameters,
				},
			);
			if (this.host.eager) {
				this.view.draw();
			} else {
				this.drawWhenVisible();
			}
		});
		if (this.visibility === null) {
			this.settle();
		}
	}

	private drawWhenVisible(): void {
		const Observer = (windowOf(this.element) as Window & typeof window)
			.IntersectionObserver;
		if (Observer === undefined) {
			this.view?.draw();
			this.settle();
			return;
		}
		this.visibility = new Observer(
			(entries) => {
				if (entries.some((entry) => entry.isIntersecting)) {
					this.visibility?.disconnect();
					this.visibility = null;
					this.guard(() => this.view?.draw());
				}
				this.settle();
			},
			{ rootMargin: LAZY_MARGIN },
		);
		this.visibility.observe(this.element);
	}

	private teardown(): void {
		this.visibility?.disconnect();
		this.visibility = null;
		this.view?.destroy();
		this.view = null;
		this.spec = null;
		removeChildren(this.element);
	}

	/** Runs a step and draws any unexpected error in the block, so one block never breaks the note. */
	private guard(step: () => void): void {
		try {
			step();
		} catch (error) {
			this.view?.destroy();
			this.view = null;
			removeChildren(this.element);
			renderFailure(this.element, error);
		}
	}
}

export function mountBlock(
	container: HTMLElement,
	source: string,
	settings: ChartSettings,
	host: ChartHost,
): ActivationBlockView {
	return new MountedBlock(container, source, settings, host);
}

/**
 * Returns a promise that resolves once a mounted block has drawn, or has found that it is
 * off screen and waits to be scrolled into view.
 */
export function settledOf(view: ActivationBlockView): Promise<void> {
	return view instanceof MountedBlock ? view.settled : Promise.resolve();
}
