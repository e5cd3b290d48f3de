import { test } from "node:test";
import assert from "node:assert/strict";
import { locateBlock, replaceBody } from "../../src/obsidian/block-text";

function lineCount(text: string): number {
	return text.split("\n").length;
}

void test("locateBlock finds body offsets", () => {
	const text = "# Title\n\n```activation\nrelu\nx: [-2, 2]\n```\n\nAfter.";
	const located = locateBlock(text, 2, 5, "relu\nx: [-2, 2]");
	assert.ok(located.ok);
	assert.equal(located.block.bodyStart, 3);
	assert.equal(located.block.closeLine, 5);
	assert.equal(
		text.slice(located.block.from, located.block.to),
		"relu\nx: [-2, 2]\n",
	);
});

void test("replaceBody keeps CRLF and surroundings", () => {
	const before = "Intro  \r\n\r\n";
	const after = "\r\n\r\nTail without break";
	const text =
		before +
		"```activation\r\nfunction: elu\r\nparams: {alpha: 1}\r\n```" +
		after;
	const located = locateBlock(
		text,
		2,
		5,
		"function: elu\nparams: {alpha: 1}\n",
	);
	assert.ok(located.ok);
	const result = replaceBody(
		text,
		located.block,
		"function: elu\nparams: {alpha: 2}\n",
	);
	assert.equal(
		result,
		before +
			"```activation\r\nfunction: elu\r\nparams: {alpha: 2}\r\n```" +
			after,
	);
});

void test("replaceBody inside callout keeps prefix", () => {
	const text =
		"> [!note]\n> ```activation\n> function: elu\n>\n> x: [-3, 3]\n> ```\n";
	const located = locateBlock(
		text,
		0,
		lineCount(text) - 2,
		"function: elu\n\nx: [-3, 3]",
	);
	assert.ok(located.ok);
	assert.equal(located.block.prefix, "> ");
	const result = replaceBody(
		text,
		located.block,
		"function: elu\nparams: {alpha: 2}\n\nx: [-3, 3]\n",
	);
	assert.equal(
		result,
		"> [!note]\n> ```activation\n> function: elu\n> params: {alpha: 2}\n>\n> x: [-3, 3]\n> ```\n",
	);
});

void test("locateBlock rejects changed body", () => {
	const text = "```activation\nrelu\n```";
	const located = locateBlock(text, 0, 2, "tanh");
	assert.equal(located.ok, false);
	assert.match(
		located.ok ? "" : located.message,
		/changed since the chart was drawn/,
	);
});

void test("locateBlock rejects unclosed block", () => {
	const text = "```activation\nrelu\n";
	const located = locateBlock(text, 0, 2, "relu");
	assert.equal(located.ok, false);
	assert.match(located.ok ? "" : located.message, /closing fence/);
});

void test("locateBlock rejects identical twins", () => {
	const text =
		"> ```activation\n> relu\n> ```\n>\n> ```activation\n> relu\n> ```";
	const located = locateBlock(text, 0, 6, "relu");
	assert.equal(located.ok, false);
	assert.match(
		located.ok ? "" : located.message,
		/2 identical activation blocks/,
	);
});

void test("locateBlock picks matching block in section", () => {
	const text =
		"> ```activation\n> relu\n> ```\n>\n> ```activation\n> tanh\n> ```";
	const located = locateBlock(text, 0, 6, "tanh\n");
	assert.ok(located.ok);
	assert.equal(located.block.bodyStart, 5);
});

void test("locateBlock accepts tildes and longer fences", () => {
	const text = "~~~~activation\nrelu\n~~~\n~~~~\n";
	const located = locateBlock(text, 0, 3, "relu\n~~~");
	assert.ok(located.ok);
	assert.equal(located.block.closeLine, 3);
});
