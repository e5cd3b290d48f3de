import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { runSample } from "./sample";
import { inspectBlock } from "./check-block";
import { NoteRenderer, PreviewError, writePreviews } from "./preview";
import { createProgressBar } from "./progress";
import type { PageAssets } from "./page";
import { THEMES, type Theme } from "./page-style";
import { MathTypesetter } from "./math";
import {
	loadCanvasModule,
	StaticCharts,
	StaticChartsUnavailable,
} from "./static/render";

/** The streams and file access of one run, so that tests can run it in process. */
export interface CommandLineIo {
	stdin: Readable;
	stdout: Writable;
	stderr: Writable;
	readFile: (path: string) => Promise<string>;
}

export const USAGE = `Usage:
  activation-charts sample FILE|-
      Print the sampled values and gradients of one activation block body (read from
      FILE, or from stdin for -) as one JSON object.
  activation-charts preview PATH [--out FILE|DIR] [--vault DIR] [--theme light|dark]
                             [--static]
      Write a standalone HTML preview of the note PATH, or of every .md note in the
      folder PATH, and print each written path.
      --out FILE|DIR  a path ending in .html is the page of the one note; any other path
                      is a folder, created if missing, that gets one <note name>.html per
                      note; default: the current folder
      --vault DIR     the folder that embeds such as ![[image.png]] resolve against;
                      default: the nearest folder above PATH that contains .obsidian,
                      else the folder of PATH
      --theme NAME    the colours of Obsidian's default light or dark theme; default: light
      --static        draw charts as images, for a page without script (print, e-mail)
  activation-charts --help
      Print this help.
`;

/** Folder of the running bundle: dist/ for the built bin. */
const BUNDLE_FOLDER = __dirname;

class UsageError extends Error {}

/**
 * Reads the preview runtime next to the bundle (unless `withRuntime` is false) and
 * styles.css in the package root.
 * Both are build outputs or package files, so their absence means a broken checkout.
 */
export function loadPageAssets(
	bundleFolder: string,
	withRuntime = true,
): PageAssets {
	const runtimePath = join(bundleFolder, "preview-runtime.js");
	const stylesPath = join(bundleFolder, "..", "styles.css");
	if (withRuntime && !existsSync(runtimePath)) {
		throw new PreviewError(
			`${runtimePath} is missing: run npm run build first.`,
		);
	}
	if (!existsSync(stylesPath)) {
		throw new PreviewError(
			`${stylesPath} is missing: the package is incomplete.`,
		);
	}
	return {
		runtimeScript: withRuntime ? readFileSync(runtimePath, "utf8") : null,
		chartStyles: readFileSync(stylesPath, "utf8"),
	};
}

interface PreviewArguments {
	path: string;
	out: string | null;
	vault: string | null;
	theme: Theme;
	/** Draw charts as images, for a page without script. */
	static: boolean;
}

function parsePreviewArguments(args: string[]): PreviewArguments {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				out: { type: "string" },
				vault: { type: "string" },
				theme: { type: "string" },
				static: { type: "boolean" },
			},
		});
	} catch (error) {
		throw new UsageError(
			error instanceof Error ? error.message : String(error),
		);
	}

	const { values, positionals } = parsed;
	if (positionals.length !== 1 || positionals[0] === undefined) {
		throw new UsageError(
			`preview takes one PATH, a note or a folder; got ${positionals.length}.`,
		);
	}
	const theme = values.theme ?? "light";
	if (!THEMES.includes(theme as Theme)) {
		throw new UsageError(`--theme must be light or dark, not '${theme}'.`);
	}
	return {
		path: positionals[0],
		out: values.out ?? null,
		vault: values.vault ?? null,
		theme: theme as Theme,
		static: values.static === true,
	};
}

/**
 * Creates the note renderer: live charts drawn by the inlined preview runtime, or with
 * `--static` charts drawn here as images, so that the page needs no script.
 */
async function createRenderer(
	options: PreviewArguments,
): Promise<NoteRenderer> {
	const typesetter = new MathTypesetter();
	if (!options.static) {
		const assets = loadPageAssets(BUNDLE_FOLDER);
		return new NoteRenderer(assets, inspectBlock, typesetter);
	}

	const assets = loadPageAssets(BUNDLE_FOLDER, false);
	const charts = new StaticCharts(await loadCanvasModule(), {
		theme: options.theme,
		typeset: (tex) => typesetter.typeset(tex, false),
	});
	return new NoteRenderer(assets, inspectBlock, typesetter, (body) =>
		charts.blockHtml(body),
	);
}

async function runPreview(args: string[], io: CommandLineIo): Promise<number> {
	const options = parsePreviewArguments(args);
	const renderer = await createRenderer(options);
	const progress = createProgressBar(io.stderr);
	const { written, warnings } = writePreviews(
		options,
		renderer,
		(done, total, note) => progress?.update(done, total, note),
	);
	progress?.finish();
	for (const warning of warnings) {
		io.stderr.write(`${warning.note}: ${warning.message}\n`);
	}
	for (const path of written) {
		io.stdout.write(`${path}\n`);
	}
	return 0;
}

/** Returns true for errors of the file system, such as a folder that cannot be written. */
function isFileError(error: unknown): error is Error & { code: string } {
	return (
		error instanceof Error && "code" in error && typeof error.code === "string"
	);
}

/** Runs one command line and returns its exit status: 0 done, 1 usage or file error. */
export async function runCommandLine(
	args: string[],
	io: CommandLineIo,
): Promise<number> {
	const [command, ...rest] = args;
	if (command === "help" || args.includes("--help") || args.includes("-h")) {
		io.stdout.write(USAGE);
		return 0;
	}

	try {
		switch (command) {
			case "sample":
				return await runSample(rest, io);
			case "preview":
				return await runPreview(rest, io);
			case undefined:
				throw new UsageError("missing command: sample or preview.");
			default:
				throw new UsageError(
					`unknown command '${command}': use sample or preview.`,
				);
		}
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr.write(`activation-charts: ${error.message}\n\n${USAGE}`);
			return 1;
		}
		if (
			error instanceof PreviewError ||
			error instanceof StaticChartsUnavailable ||
			isFileError(error)
		) {
			io.stderr.write(`activation-charts: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
}
