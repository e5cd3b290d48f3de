import type { Writable } from "node:stream";

/** Width of the bar in characters, between the brackets. */
const BAR_WIDTH = 24;

/** A stream that may be a terminal, as process.stderr is. */
/** Width assumed for a terminal that does not report one. */
const DEFAULT_COLUMNS = 80;

export type TerminalStream = Writable & { isTTY?: boolean; columns?: number };

/**
 * Shows how many notes are written as a bar on one terminal line, redrawn in place:
 * "[######..................] 3/12 Notes/Activations.md". A single note shows no bar.
 */
export class ProgressBar {
	private shown = false;

	constructor(private readonly stream: TerminalStream) {}

	update(done: number, total: number, note: string): void {
		if (total <= 1) {
			return;
		}
		const filled = Math.round((done / total) * BAR_WIDTH);
		const bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
		const line = `[${bar}] ${done}/${total} ${note}`;
		// One character short of the width, so the terminal never wraps the line. A
		// terminal that reports no width (0 columns, as under `script`) gets 80.
		const columns = this.stream.columns ?? 0;
		const width = (columns > 0 ? columns : DEFAULT_COLUMNS) - 1;
		this.stream.write(`\r\x1b[K${line.slice(0, width)}`);
		this.shown = true;
	}

	/** Clears the bar's line, so that later output starts on a clean line. */
	finish(): void {
		if (this.shown) {
			this.stream.write("\r\x1b[K");
			this.shown = false;
		}
	}
}

/** Returns a progress bar on `stream` when it is a terminal, else null: pipes and files get no control characters. */
export function createProgressBar(stream: TerminalStream): ProgressBar | null {
	return stream.isTTY === true ? new ProgressBar(stream) : null;
}
