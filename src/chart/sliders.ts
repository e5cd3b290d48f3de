import type { ParameterSpec } from "../block/spec";
import { createElement } from "./dom";
import { formatNumber } from "./format";

export interface SliderCallbacks {
	/** Called on every change of a value, with all current values. */
	onInput: (values: Record<string, number>) => void;
	/** Writes the values into the note; null hides the save button. */
	onSave: ((values: Record<string, number>) => void) | null;
}

export interface Sliders {
	values(): Record<string, number>;
}

interface SliderRow {
	parameter: ParameterSpec;
	range: HTMLInputElement;
	number: HTMLInputElement;
}

function clamp(value: number, parameter: ParameterSpec): number {
	return Math.min(parameter.max, Math.max(parameter.min, value));
}

function createRow(parent: HTMLElement, parameter: ParameterSpec): SliderRow {
	const row = createElement(parent, "label", "activation-slider");
	createElement(row, "span", "activation-slider-name", parameter.name);
	const range = createElement(row, "input", "activation-slider-range");
	range.type = "range";
	range.min = String(parameter.min);
	range.max = String(parameter.max);
	range.step = String(parameter.step);
	range.value = String(parameter.value);
	range.setAttribute("aria-label", parameter.name);
	const number = createElement(row, "input", "activation-slider-number");
	number.type = "number";
	number.min = String(parameter.min);
	number.max = String(parameter.max);
	number.step = "any";
	number.value = formatNumber(parameter.value);
	number.setAttribute("aria-label", `${parameter.name} value`);
	return { parameter, range, number };
}

/**
 * Creates a slider with a number field for each parameter in `box`, and in `buttons` a
 * Reset button and, when the host can write to the note, a "Save parameters to note" button. Typed values are
 * clamped to the slider's range; text that is no number restores the current value.
 */
export function createSliders(
	box: HTMLElement,
	buttons: HTMLElement,
	parameters: ParameterSpec[],
	callbacks: SliderCallbacks,
): Sliders {
	const values: Record<string, number> = {};
	const rows = parameters.map((parameter) => {
		values[parameter.name] = parameter.value;
		return createRow(box, parameter);
	});

	const set = (row: SliderRow, value: number) => {
		values[row.parameter.name] = value;
		row.range.value = String(value);
		row.number.value = formatNumber(value);
	};

	for (const row of rows) {
		row.range.addEventListener("input", () => {
			set(row, clamp(Number(row.range.value), row.parameter));
			callbacks.onInput({ ...values });
		});
		row.number.addEventListener("change", () => {
			const typed = Number(row.number.value);
			const current = values[row.parameter.name] ?? row.parameter.value;
			set(
				row,
				row.number.value.trim() !== "" && Number.isFinite(typed)
					? clamp(typed, row.parameter)
					: current,
			);
			callbacks.onInput({ ...values });
		});
	}

	const reset = createElement(buttons, "button", "activation-button", "Reset");
	reset.type = "button";
	reset.addEventListener("click", () => {
		rows.forEach((row) => set(row, row.parameter.value));
		callbacks.onInput({ ...values });
	});
	const onSave = callbacks.onSave;
	if (onSave !== null) {
		const save = createElement(
			buttons,
			"button",
			"activation-button",
			"Save parameters to note",
		);
		save.type = "button";
		save.addEventListener("click", () => onSave({ ...values }));
	}
	return { values: () => ({ ...values }) };
}
