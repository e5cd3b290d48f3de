// Builds three outputs: the plugin (main.js), the browser runtime that HTML previews
// inline (dist/preview-runtime.js) and the command-line tool (dist/cli.cjs).
// `node esbuild.config.mjs production` builds once and minifies; without the argument
// it rebuilds on every change.
import esbuild from "esbuild";
import { builtinModules } from "node:module";
import process from "node:process";

const production = process.argv[2] === "production";

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

// Fails the browser builds when anything pulls in a Node built-in, because Obsidian on
// mobile has no Node and the preview runs in a plain browser.
const rejectNodeBuiltins = {
	name: "reject-node-builtins",
	setup(build) {
		build.onResolve({ filter: /.*/ }, (args) => {
			if (args.kind !== "entry-point" && nodeBuiltins.has(args.path)) {
				return {
					errors: [
						{
							text: `'${args.path}' is a Node built-in and cannot run in Obsidian on mobile (imported from ${args.importer}).`,
						},
					],
				};
			}
			return undefined;
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
};

const builds = [pluginBuild, previewRuntimeBuild, cliBuild];

if (production) {
	await Promise.all(builds.map((options) => esbuild.build(options)));
} else {
	const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
	await Promise.all(contexts.map((context) => context.watch()));
}
