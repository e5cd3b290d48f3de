// Builds three outputs: the plugin (main.js), the browser runtime that HTML previews
// inline (dist/preview-runtime.js) and the command-line tool (dist/cli.cjs).
// `node esbuild.config.mjs production` builds once and minifies; without the argument
// it rebuilds on every change.
import esbuild from "esbuild";
import { chmodSync } from "node:fs";
import { builtinModules } from "node:module";
import process from "node:process";

const production = process.argv[2] === "production";

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

// Fails the browser builds when a Node built-in reaches the output, because Obsidian on
// mobile has no Node and the preview runs in a plain browser. Built-ins resolve to a
// placeholder module first: mathjs's entry point imports seedrandom, which requires
// `crypto`, and tree shaking drops that whole path only after resolution.
const rejectNodeBuiltins = {
	name: "reject-node-builtins",
	setup(build) {
		build.initialOptions.metafile = true;
		build.onResolve({ filter: /.*/ }, (args) => {
			if (args.kind !== "entry-point" && nodeBuiltins.has(args.path)) {
				return { path: args.path, namespace: "node-builtin", pluginData: args.importer };
			}
			return undefined;
		});
		build.onLoad({ filter: /.*/, namespace: "node-builtin" }, (args) => ({
			contents: `throw new Error(${JSON.stringify(`${args.path} is not available here`)});`,
			loader: "js",
		}));
		build.onEnd((result) => {
			const errors = [];
			for (const output of Object.values(result.metafile?.outputs ?? {})) {
				for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
					if (input.startsWith("node-builtin:") && bytesInOutput > 0) {
						errors.push({
							text: `'${input.slice("node-builtin:".length)}' is a Node built-in and cannot run in Obsidian on mobile.`,
						});
					}
				}
			}
			return { errors };
		});
	},
};

const browserOptions = {
	bundle: true,
	format: "cjs",
	target: "es2021",
	platform: "browser",
	logLevel: "info",
	sourcemap: production ? false : "inline",
	treeShaking: true,
	minify: production,
	legalComments: "none",
	plugins: [rejectNodeBuiltins],
};

const pluginBuild = {
	...browserOptions,
	entryPoints: ["main.ts"],
	outfile: "main.js",
	external: ["obsidian", "electron", "@codemirror/*", "@lezer/*"],
};

const previewRuntimeBuild = {
	...browserOptions,
	entryPoints: ["src/chart/preview-runtime.ts"],
	outfile: "dist/preview-runtime.js",
	format: "iife",
};

const cliBuild = {
	entryPoints: ["src/cli/main.ts"],
	outfile: "dist/cli.cjs",
	bundle: true,
	platform: "node",
	format: "cjs",
	target: "node20",
	packages: "external",
	logLevel: "info",
	sourcemap: production ? false : "inline",
	banner: { js: "#!/usr/bin/env node" },
	plugins: [
		{
			// npx runs the bin directly, so the file needs its executable bit.
			name: "make-executable",
			setup(build) {
				build.onEnd((result) => {
					if (result.errors.length === 0) chmodSync("dist/cli.cjs", 0o755);
				});
			},
		},
	],
};

const builds = [pluginBuild, previewRuntimeBuild, cliBuild];

if (production) {
	await Promise.all(builds.map((options) => esbuild.build(options)));
} else {
	const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
	await Promise.all(contexts.map((context) => context.watch()));
}
