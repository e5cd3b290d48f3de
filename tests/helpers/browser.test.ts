import { test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "./browser";

test("chromium draws a canvas", async () => {
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		await page.setContent("<canvas id=c width=10 height=10></canvas>");
		const alpha = await page.evaluate(() => {
			const canvas = document.getElementById("c") as HTMLCanvasElement;
			const context = canvas.getContext("2d");
			if (context === null) return -1;
			context.fillRect(0, 0, 10, 10);
			return context.getImageData(5, 5, 1, 1).data[3];
		});
		assert.equal(alpha, 255);
	} finally {
		await browser.close();
	}
});
