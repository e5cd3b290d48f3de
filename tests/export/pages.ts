// Helpers for the export tests: offline pages, PDF pages as PNG, and colour counts in PNG files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { Page } from "playwright-core";

export type Rgb = [number, number, number];

/** Obsidian's light-theme series colours: blue for the first series, orange for the second. */
export const BLUE: Rgb = [0x08, 0x6d, 0xdd];
export const ORANGE: Rgb = [0xec, 0x75, 0x00];

/** What a page loaded besides its own file and inline data. */
export interface PageActivity {
	/** Every request to anything but file:, data: and blob: URLs. Each one was aborted. */
	requests: string[];
	/** Console errors and warnings, and uncaught page errors. */
	errors: string[];
}

/**
 * Opens a local file with every request to anything but file:, data: and blob: URLs
 * aborted and recorded, so that a test can require that the page requests nothing from any host.
 */
export async function openOffline(
	page: Page,
	file: string,
): Promise<PageActivity> {
	const activity: PageActivity = { requests: [], errors: [] };
	const local = (url: string) => /^(file|data|blob):/.test(url);
	await page.route("**/*", async (route) => {
		const url = route.request().url();
		if (local(url)) {
			await route.continue();
			return;
		}
		activity.requests.push(url);
		await route.abort();
	});
	page.on("request", (request) => {
		const url = request.url();
		if (!local(url) && !activity.requests.includes(url)) {
			activity.requests.push(url);
		}
	});
	page.on("console", (message) => {
		if (message.type() === "error" || message.type() === "warning") {
			activity.errors.push(message.text());
		}
	});
	page.on("pageerror", (error) => activity.errors.push(error.message));
	await page.goto(pathToFileURL(file).href);
	return activity;
}

/** Converts every page of a PDF file to a PNG file with poppler's pdftoppm, and returns their paths in page order. */
export function pdfToPngPages(pdf: string, resolution: number): string[] {
	const folder = mkdtempSync(join(tmpdir(), "activation-pdf-"));
	const result = spawnSync(
		"pdftoppm",
		["-r", String(resolution), "-png", pdf, join(folder, "page")],
		{
			encoding: "utf8",
			timeout: 60_000,
		},
	);
	if (result.status !== 0) {
		throw new Error(
			`pdftoppm failed (status ${result.status}): ${result.stderr}`,
		);
	}
	return readdirSync(folder)
		.filter((name) => name.endsWith(".png"))
		.sort()
		.map((name) => join(folder, name));
}

/** Counts the pixels of a PNG file within `tolerance` (sum of channel differences) of a colour. */
export async function countPngColour(
	file: string,
	rgb: Rgb,
	tolerance = 60,
): Promise<number> {
	const image = await loadImage(readFileSync(file));
	const canvas = createCanvas(image.width, image.height);
	const context = canvas.getContext("2d");
	context.drawImage(image, 0, 0);
	const data = context.getImageData(0, 0, image.width, image.height).data;
	let count = 0;
	for (let i = 0; i < data.length; i += 4) {
		const distance =
			Math.abs((data[i] ?? 0) - rgb[0]) +
			Math.abs((data[i + 1] ?? 0) - rgb[1]) +
			Math.abs((data[i + 2] ?? 0) - rgb[2]);
		if ((data[i + 3] ?? 0) > 200 && distance <= tolerance) {
			count += 1;
		}
	}
	return count;
}

/** Counts, for each printed chart image on the page, its pixels of a colour. */
export async function countPrintedImageColour(
	page: Page,
	rgb: Rgb,
	tolerance = 40,
): Promise<number[]> {
	return page.evaluate(
		async ({ rgb, tolerance }) => {
			const images = Array.from(
				document.querySelectorAll<HTMLImageElement>(
					"img.activation-print-image",
				),
			);
			await Promise.all(images.map((image) => image.decode()));
			return images.map((image) => {
				// An OffscreenCanvas, because the page is no Obsidian window (eslint would turn
				// document.createElement into Obsidian's createEl, which the page lacks).
				const canvas = new OffscreenCanvas(
					image.naturalWidth,
					image.naturalHeight,
				);
				const context = canvas.getContext("2d");
				if (context === null) {
					return 0;
				}
				context.drawImage(image, 0, 0);
				const data = context.getImageData(
					0,
					0,
					canvas.width,
					canvas.height,
				).data;
				let count = 0;
				for (let i = 0; i < data.length; i += 4) {
					const distance =
						Math.abs((data[i] ?? 0) - rgb[0]) +
						Math.abs((data[i + 1] ?? 0) - rgb[1]) +
						Math.abs((data[i + 2] ?? 0) - rgb[2]);
					if ((data[i + 3] ?? 0) > 200 && distance <= tolerance) {
						count += 1;
					}
				}
				return count;
			});
		},
		{ rgb, tolerance },
	);
}

/** Returns a note of `count` activation blocks, cycling through a list of functions. */
export function generatedNote(count: number): string {
	const functions = [
		"relu",
		"sigmoid",
		"tanh",
		"gelu",
		"elu",
		"softplus",
		"mish",
		"silu",
		"hardtanh",
		"selu",
		"softsign",
		"leaky_relu",
	];
	const parts = ["# Twelve charts", ""];
	for (let index = 0; index < count; index++) {
		const name = functions[index % functions.length] ?? "relu";
		parts.push(
			`## Block ${index + 1}`,
			"",
			"```activation",
			`function: ${name}`,
			`at: [1]`,
			"```",
			"",
		);
	}
	return parts.join("\n");
}

/** An image embedded in a PDF file, as poppler's `pdfimages -list` reports it. */
export interface PdfImage {
	page: number;
	width: number;
	height: number;
}

/** Lists the raster images embedded in a PDF file, with their size in pixels. */
export function pdfImages(pdf: string): PdfImage[] {
	const result = spawnSync("pdfimages", ["-list", pdf], {
		encoding: "utf8",
		timeout: 60_000,
	});
	if (result.status !== 0) {
		throw new Error(
			`pdfimages failed (status ${result.status}): ${result.stderr}`,
		);
	}
	// Two header lines come first, then "page num type width height ..." per image. Soft masks ("smask") are skipped.
	return result.stdout
		.split("\n")
		.slice(2)
		.map((line) => line.trim().split(/\s+/))
		.filter((fields) => fields.length > 5 && fields[2] === "image")
		.map((fields) => ({
			page: Number(fields[0]),
			width: Number(fields[3]),
			height: Number(fields[4]),
		}));
}
