import { chromium, type Browser } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** Debian's Chromium; CI installs it with apt-get. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Flags for headless Chromium on this machine: no sandbox as root, no GPU, and no
 * background connections, which the closed network would refuse.
 */
const CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--disable-default-apps",
	"--disable-extensions",
];

export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
	});
}

/** Folder for screenshots and other files that tests write for people to look at. */
export function outputPath(...parts: string[]): string {
	const folder = join("tests", "output");
	mkdirSync(folder, { recursive: true });
	return join(folder, ...parts);
}
