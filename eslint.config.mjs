import tseslint from "typescript-eslint";
import obsidianmd from "eslint-plugin-obsidianmd";
import prettierRecommended from "eslint-plugin-prettier/recommended";
import globals from "globals";

export default tseslint.config(
	{
		ignores: ["node_modules/", "main.js", "dist/", "out/", "tests/output/", "**/*.mjs", "**/*.tmp.*"],
	},
	...obsidianmd.configs.recommended,
	{
		files: ["**/*.ts"],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: "./tsconfig.json" },
			globals: { ...globals.browser },
		},
	},
	{
		// The declarative settings API needs Obsidian 1.13, and the plugin supports 1.1 and
		// later (minAppVersion), so the settings tab builds its controls in display().
		files: ["src/obsidian/settings-tab.ts"],
		rules: { "obsidianmd/settings-tab/prefer-setting-definitions": "off" },
	},
	{
		// The chart layer and the command line also run outside Obsidian (in the HTML
		// preview and in Node), where the createEl helpers that Obsidian adds to elements
		// do not exist.
		files: ["src/chart/**/*.ts", "src/cli/**/*.ts"],
		rules: { "obsidianmd/prefer-create-el": "off" },
	},
	{
		// The command line, the tests, the benchmarks and the scripts run in Node, never
		// inside Obsidian. The command line looks for a vault's .obsidian folder by name.
		files: ["src/cli/**/*.ts", "tests/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			"obsidianmd/no-nodejs-modules": "off",
			"obsidianmd/hardcoded-config-path": "off",
			"no-console": "off",
			// This rule wraps no-console with Obsidian's message; Node programs print.
			"obsidianmd/rule-custom-message": "off",
		},
	},
	{
		// node:test's test() and describe() return promises that the runner itself awaits.
		files: ["tests/**/*.ts"],
		rules: { "@typescript-eslint/no-floating-promises": "off" },
	},
	{
		// Test and benchmark pages are plain browser pages, or stand in for Obsidian's own
		// DOM helpers, so they build elements with the standard DOM API.
		files: ["tests/**/*.ts", "bench/**/*.ts"],
		rules: { "obsidianmd/prefer-create-el": "off" },
	},
	prettierRecommended,
);
