import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createProgressBar, type TerminalStream } from "../../src/cli/progress";

/** A writable stream that records what is written, acting as a terminal when `isTTY`. */
function recorder(
	isTTY: boolean,
	columns = 80,
): TerminalStream & { text: () => string } {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, callback) {
			chunks.push(String(chunk));
			callback();
		},
	}) as TerminalStream & { text: () => string };
	stream.isTTY = isTTY;
	stream.columns = columns;
	stream.text = () => chunks.join("");
	return stream;
}

void test("progress bar redraws one line", () => {
	const stream = recorder(true);
	const bar = createProgressBar(stream);
	assert.ok(bar !== null);
	bar.update(1, 4, "a.md");
	bar.update(4, 4, "d.md");
	bar.finish();
	assert.equal(
		stream.text(),
		"\r\x1b[K[######..................] 1/4 a.md" +
			"\r\x1b[K[########################] 4/4 d.md" +
			"\r\x1b[K",
	);
});

void test("progress bar fits terminal width", () => {
	const stream = recorder(true, 20);
	createProgressBar(stream)?.update(1, 2, "a very long note name.md");
	assert.equal(stream.text(), "\r\x1b[K[############......");
});

void test("progress bar without terminal width", () => {
	const stream = recorder(true, 0);
	createProgressBar(stream)?.update(1, 2, "captions.md");
	assert.equal(
		stream.text(),
		"\r\x1b[K[############............] 1/2 captions.md",
	);
});

void test("progress bar skips single note", () => {
	const stream = recorder(true);
	const bar = createProgressBar(stream);
	bar?.update(1, 1, "a.md");
	bar?.finish();
	assert.equal(stream.text(), "");
});

void test("progress bar needs a terminal", () => {
	assert.equal(createProgressBar(recorder(false)), null);
});
