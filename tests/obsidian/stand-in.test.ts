import { test } from "node:test";
import assert from "node:assert/strict";
import { Component, Events } from "./stand-in/component";

class Recorder extends Component {
	constructor(
		private readonly name: string,
		private readonly log: string[],
	) {
		super();
	}

	override onload(): void {
		this.log.push(`load ${this.name}`);
		this.register(() => this.log.push(`cleanup ${this.name}`));
	}

	override onunload(): void {
		this.log.push(`unload ${this.name}`);
	}
}

void test("component lifecycle order", () => {
	const log: string[] = [];
	const parent = new Recorder("parent", log);
	parent.addChild(new Recorder("early", log));
	parent.load();
	parent.addChild(new Recorder("late", log));
	parent.load();
	parent.unload();
	parent.unload();
	assert.deepEqual(log, [
		"load parent",
		"load early",
		"load late",
		"cleanup late",
		"unload late",
		"cleanup early",
		"unload early",
		"cleanup parent",
		"unload parent",
	]);
});

void test("removeChild unloads child", () => {
	const log: string[] = [];
	const parent = new Recorder("parent", log);
	const child = parent.addChild(new Recorder("child", log));
	parent.load();
	parent.removeChild(child);
	parent.unload();
	assert.deepEqual(log, [
		"load parent",
		"load child",
		"cleanup child",
		"unload child",
		"cleanup parent",
		"unload parent",
	]);
});

void test("registerEvent detaches on unload", () => {
	const events = new Events();
	const component = new Component();
	let calls = 0;
	component.load();
	component.registerEvent(events.on("css-change", () => calls++));
	events.trigger("css-change");
	assert.equal(events.handlerCount("css-change"), 1);
	component.unload();
	events.trigger("css-change");
	assert.equal(calls, 1);
	assert.equal(events.handlerCount("css-change"), 0);
});
