import tseslint from "typescript-eslint";
import obsidianmd from "eslint-plugin-obsidianmd";
import prettierRecommended from "eslint-plugin-prettier/recommended";
import globals from "globals";

export default tseslint.config(
	{
		ignores: ["node_modules/", "main.js", "dist/", "out/", "tests/output/", "**/*.mjs"],
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
		// The command line, the tests and the scripts run in Node, never inside Obsidian.
		files: ["src/cli/**/*.ts", "tests/**/*.ts", "scripts/**/*.ts"],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			"import/no-nodejs-modules": "off",
			"no-console": "off",
		},
	},
	prettierRecommended,
);
