import { mountExportableBlock, type ExportableBlockView } from "./export";
import { DEFAULT_CHART_SETTINGS, type ActivationBlockView } from "./index";

/** The preview's mounted blocks, published on `window.activationCharts` for scripts and tests. */
export interface PreviewCharts {
	views: ActivationBlockView[];
	/** Resolves once every block that was visible at load time has drawn its chart. */
	ready: Promise<void>;
}

declare global {
	interface Window {
		activationCharts?: PreviewCharts;
	}
}

function blockSource(block: Element): string | null {
	const pre = block.firstElementChild;
	if (
		!(pre instanceof HTMLPreElement) ||
		!pre.classList.contains("activation-source")
	) {
		return null;
	}
	const code = pre.firstElementChild;
	if (code === null || code.tagName !== "CODE") {
		return null;
	}
	pre.hidden = true;
	return code.textContent ?? "";
}

/**
 * Returns a renderMath for captions that copies the formulas the command line typeset
 * ahead of time into a hidden `div.activation-math`, keyed by their TeX, because the
 * page carries no TeX engine. A formula it lacks is shown as TeX source.
 */
function typesetFormulas(): (tex: string, display: boolean) => HTMLElement {
	const formulas = new Map<string, Element>();
	for (const span of Array.from(
		document.querySelectorAll(".activation-math [data-tex]"),
	)) {
		formulas.set(span.getAttribute("data-tex") ?? "", span);
	}
	return (tex) => {
		const typeset = formulas.get(tex);
		if (typeset !== undefined) {
			return typeset.cloneNode(true) as HTMLElement;
		}
		const code = document.createElement("code");
		code.className = "activation-tex";
		code.textContent = tex;
		return code;
	};
}

/** Resolves after two animation frames, by which time Chart.js has painted the canvases. */
function afterFrames(): Promise<void> {
	return new Promise((resolve) => {
		window.requestAnimationFrame(() =>
			window.requestAnimationFrame(() => resolve()),
		);
	});
}

function mountAll(): void {
	const views: ExportableBlockView[] = [];
	const renderMath = typesetFormulas();
	const blocks = document.querySelectorAll<HTMLDivElement>(
		"div.activation-block",
	);
	for (const block of Array.from(blocks)) {
		const source = blockSource(block);
		if (source !== null) {
			views.push(
				mountExportableBlock(block, source, DEFAULT_CHART_SETTINGS, {
					renderMath,
					saveParameters: null,
					eager: false,
				}),
			);
		}
	}
	const ready = Promise.all(views.map((view) => view.settled)).then(
		afterFrames,
	);
	window.activationCharts = { views, ready };
}

if (document.readyState === "loading") {
	document.addEventListener("DOMContentLoaded", mountAll);
} else {
	mountAll();
}
