import { formatBlockError, type BlockError } from "../block/spec";
import { createElement } from "./dom";

/** Draws a bad block's errors, each as "line N: ..." followed by the line it is about. */
export function renderErrors(
	parent: HTMLElement,
	errors: BlockError[],
	source: string,
): HTMLElement {
	const box = createElement(parent, "div", "activation-error");
	box.setAttribute("role", "alert");
	const lines = source.split(/\r?\n/);
	for (const error of errors) {
		const item = createElement(box, "div", "activation-error-item");
		createElement(
			item,
			"div",
			"activation-error-message",
			formatBlockError(error),
		);
		const line = lines[error.line - 1];
		if (line !== undefined && line.trim() !== "") {
			createElement(item, "pre", "activation-error-line", line);
		}
	}
	return box;
}
