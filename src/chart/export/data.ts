import type { ChartSamples, SeriesSamples } from "../samples";

export type DataFormat = "csv" | "markdown";

/**
 * Writes a number so that it reads back as the same float64: the shortest round-trip
 * decimal, and NaN, Infinity or -Infinity for values that are not finite (Python's
 * float() and JavaScript's Number() both parse these spellings).
 */
function exactNumber(value: number): string {
	if (Object.is(value, -0)) {
		return "0";
	}
	return String(value);
}

/** Returns the column headings: x, then f(x) and f'(x) of each series, named when there are several. */
function headings(series: SeriesSamples[]): string[] {
	const named = series.length > 1;
	const columns = ["x"];
	for (const entry of series) {
		const prefix = named ? `${entry.label}: ` : "";
		columns.push(`${prefix}f(x)`, `${prefix}f'(x)`);
	}
	return columns;
}

/** Returns one row per grid point. Every series of a block samples the same grid. */
function rows(series: SeriesSamples[]): string[][] {
	const grid = series[0]?.sampled.x ?? new Float64Array(0);
	const result: string[][] = [];
	for (let i = 0; i < grid.length; i++) {
		const row = [exactNumber(grid[i] ?? NaN)];
		for (const entry of series) {
			row.push(
				exactNumber(entry.sampled.value[i] ?? NaN),
				exactNumber(entry.sampled.gradient[i] ?? NaN),
			);
		}
		result.push(row);
	}
	return result;
}

/** Quotes a CSV field when it contains a comma, a quote or a line end, as RFC 4180 requires. */
function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Escapes the characters that would end or break a Markdown table cell. */
function markdownCell(text: string): string {
	return text
		.replace(/\\/g, "\\\\")
		.replace(/\|/g, "\\|")
		.replace(/\r?\n/g, " ");
}

function csv(header: string[], body: string[][]): string {
	return (
		[header, ...body].map((row) => row.map(csvField).join(",")).join("\n") +
		"\n"
	);
}

function markdown(header: string[], body: string[][]): string {
	const line = (cells: string[]) =>
		`| ${cells.map(markdownCell).join(" | ")} |`;
	const rule = `|${header.map(() => " ---: ").join("|")}|`;
	return [line(header), rule, ...body.map(line)].join("\n") + "\n";
}

/**
 * Writes a block's samples as text for the clipboard: a CSV file or a Markdown table with
 * x, then f(x) and f'(x) of each series, every grid point at full float64 precision.
 * For `relu` with `samples: 3` the CSV is "x,f(x),f'(x)\n-8,0,0\n0,0,0\n8,8,1\n".
 */
export function samplesText(samples: ChartSamples, format: DataFormat): string {
	const header = headings(samples.series);
	const body = rows(samples.series);
	return format === "csv" ? csv(header, body) : markdown(header, body);
}
