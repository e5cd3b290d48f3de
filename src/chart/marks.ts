import { createElement, removeChildren } from "./dom";
import { formatNumber } from "./format";
import type { MarkSample } from "./samples";

/**
 * Fills a table with the `at` marks: x, f(x) and f'(x), with the function's name when the
 * block draws more than one. Text stays selectable for copying.
 */
export function renderMarks(
	table: HTMLTableElement,
	marks: MarkSample[],
	seriesCount: number,
): void {
	removeChildren(table);
	table.hidden = marks.length === 0;
	if (marks.length === 0) {
		return;
	}
	const named = seriesCount > 1;
	const header = createElement(createElement(table, "thead"), "tr");
	const headings = named
		? ["function", "x", "f(x)", "f'(x)"]
		: ["x", "f(x)", "f'(x)"];
	for (const heading of headings) {
		createElement(header, "th", undefined, heading);
	}
	const body = createElement(table, "tbody");
	for (const mark of marks) {
		const row = createElement(body, "tr");
		const cells = [
			formatNumber(mark.x),
			formatNumber(mark.value),
			formatNumber(mark.gradient),
		];
		if (named) {
			cells.unshift(mark.label);
		}
		for (const cell of cells) {
			createElement(row, "td", undefined, cell);
		}
	}
}
