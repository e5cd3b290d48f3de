import { test } from "node:test";
import { spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BUILT_CLI, runBuiltCli } from "./cli-run";

const EXAMPLE_NOTE = resolve("examples", "Activation functions.md");

function tempFolder(): string {
	return mkdtempSync(join(tmpdir(), "activation-cli-"));
}

function assertUsageError(args: string[], message: RegExp): void {
	const result = runBuiltCli(args);
	assert.equal(result.status, 1, result.stderr);
	assert.equal(result.stdout, "");
	assert.match(result.stderr, message);
	assert.match(result.stderr, /Usage:/);
}

void test("no command exits with usage", () => {
	assertUsageError([], /missing command: sample or preview/);
});

void test("unknown command exits with usage", () => {
	assertUsageError(["render", "note.md"], /unknown command 'render'/);
});

void test("help prints usage on stdout", () => {
	const result = runBuiltCli(["--help"]);
	assert.equal(result.status, 0);
	assert.match(result.stdout, /^Usage:/);
	assert.match(result.stdout, /activation-charts preview PATH/);
	assert.equal(result.stderr, "");

	const previewHelp = runBuiltCli(["preview", "--help"]);
	assert.equal(previewHelp.status, 0);
	assert.match(previewHelp.stdout, /--vault DIR/);
});

void test("preview without path rejected", () => {
	assertUsageError(
		["preview"],
		/preview takes one PATH, a note or a folder; got 0/,
	);
});

void test("preview with two paths rejected", () => {
	assertUsageError(["preview", "a.md", "b.md"], /got 2/);
});

void test("preview unknown option rejected", () => {
	assertUsageError(
		["preview", EXAMPLE_NOTE, "--colour", "red"],
		/Unknown option '--colour'/,
	);
});

void test("preview option without value rejected", () => {
	assertUsageError(["preview", EXAMPLE_NOTE, "--out"], /--out/);
});

void test("preview unknown theme rejected", () => {
	assertUsageError(
		["preview", EXAMPLE_NOTE, "--theme", "blue"],
		/--theme must be light or dark, not 'blue'/,
	);
});

void test("preview static needs no script", () => {
	const out = tempFolder();
	const result = runBuiltCli([
		"preview",
		EXAMPLE_NOTE,
		"--out",
		out,
		"--static",
	]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stderr, "");
	const html = readFileSync(join(out, "Activation functions.html"), "utf8");
	const blocks =
		readFileSync(EXAMPLE_NOTE, "utf8").match(/^```activation$/gm)?.length ?? 0;
	assert.doesNotMatch(html, /<script/);
	assert.doesNotMatch(html, /script-src/);
	assert.equal(
		html.match(/<div class="activation-block"><div class="activation-chart/g)
			?.length,
		blocks,
	);
	assert.equal(
		html.match(/<img [^>]*src="data:image\/png;base64,/g)?.length,
		blocks,
	);
	assert.doesNotMatch(html, /activation-source|activation-math/);
});

void test("preview missing note fails", () => {
	const result = runBuiltCli(["preview", "no such note.md"]);
	assert.equal(result.status, 1);
	assert.equal(result.stdout, "");
	assert.match(result.stderr, /no such note.md: note or folder not found/);
	assert.doesNotMatch(result.stderr, /Usage:|at .*\.cjs/);
});

void test("preview missing vault fails", () => {
	const result = runBuiltCli([
		"preview",
		EXAMPLE_NOTE,
		"--vault",
		"/nonexistent/vault",
		"--out",
		tempFolder(),
	]);
	assert.equal(result.status, 1);
	assert.match(result.stderr, /--vault \/nonexistent\/vault: no such folder/);
});

void test("preview writes page into out folder", () => {
	const out = tempFolder();
	const result = runBuiltCli(["preview", EXAMPLE_NOTE, "--out", out]);
	assert.equal(result.status, 0, result.stderr);
	const page = join(out, "Activation functions.html");
	assert.equal(result.stdout, `${page}\n`);
	const html = readFileSync(page, "utf8");
	assert.match(html, /<title>Activation functions<\/title>/);
	assert.match(html, /<html lang="en" class="theme-light">/);
	assert.doesNotMatch(html, /<script src=/);
	assert.equal(result.stderr, "");
});

void test("preview writes named out file", () => {
	const out = join(tempFolder(), "nested", "page.html");
	const result = runBuiltCli([
		"preview",
		EXAMPLE_NOTE,
		"--out",
		out,
		"--theme",
		"dark",
	]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stdout, `${out}\n`);
	assert.match(readFileSync(out, "utf8"), /--background-primary: #1e1e1e;/);
});

void test("preview defaults to current folder", () => {
	const cwd = tempFolder();
	const result = runBuiltCli(["preview", EXAMPLE_NOTE], { cwd });
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stdout, "Activation functions.html\n");
	assert.ok(existsSync(join(cwd, "Activation functions.html")));
});

void test("preview of folder writes every note", () => {
	const vault = tempFolder();
	mkdirSync(join(vault, "sub"));
	writeFileSync(join(vault, "One.md"), "# One\n\n```activation\nrelu\n```\n");
	writeFileSync(join(vault, "sub", "Two.md"), "# Two $x^2$\n");
	writeFileSync(join(vault, "notes.txt"), "not a note");
	const out = tempFolder();

	const result = runBuiltCli(["preview", vault, "--out", out]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(
		result.stdout,
		`${join(out, "One.html")}\n${join(out, "sub", "Two.html")}\n`,
	);
	assert.match(
		readFileSync(join(out, "sub", "Two.html"), "utf8"),
		/<mjx-container/,
	);
});

void test("preview of folder rejects html out", () => {
	const vault = tempFolder();
	writeFileSync(join(vault, "One.md"), "# One\n");
	const result = runBuiltCli([
		"preview",
		vault,
		"--out",
		join(tempFolder(), "one.html"),
	]);
	assert.equal(result.status, 1);
	assert.match(result.stderr, /names a file, but .* is a folder of notes/);
});

void test("preview of empty folder fails", () => {
	const result = runBuiltCli(["preview", tempFolder()]);
	assert.equal(result.status, 1);
	assert.match(result.stderr, /no \.md notes found in the folder/);
});

void test("bad block warns but succeeds", () => {
	const folder = tempFolder();
	const note = join(folder, "Bad.md");
	writeFileSync(
		note,
		"# Bad\n\n```activation\nswitch\n```\n\n![[missing.png]]\n",
	);
	const result = runBuiltCli(["preview", note, "--out", folder]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stdout, `${join(folder, "Bad.html")}\n`);
	assert.match(result.stderr, /Bad\.md: embed not included: missing\.png/);
	assert.match(
		result.stderr,
		/Bad\.md: activation block at line 3: line 1: unknown activation 'switch'/,
	);
	assert.match(
		readFileSync(join(folder, "Bad.html"), "utf8"),
		/<code>switch<\/code>/,
	);
});

void test("vault option resolves embeds", () => {
	const vault = tempFolder();
	mkdirSync(join(vault, "assets"));
	mkdirSync(join(vault, "notes"));
	writeFileSync(
		join(vault, "assets", "plot.svg"),
		'<svg xmlns="http://www.w3.org/2000/svg"/>',
	);
	const note = join(vault, "notes", "N.md");
	writeFileSync(note, "![[plot.svg]]\n");

	const without = runBuiltCli(["preview", note, "--out", tempFolder()]);
	assert.match(without.stderr, /embed not included: plot\.svg/);

	const out = tempFolder();
	const result = runBuiltCli(["preview", note, "--vault", vault, "--out", out]);
	assert.equal(result.status, 0, result.stderr);
	assert.equal(result.stderr, "");
	assert.match(
		readFileSync(join(out, "N.html"), "utf8"),
		/<img src="data:image\/svg\+xml;base64,/,
	);
});

void test("obsidian folder marks vault root", () => {
	const vault = tempFolder();
	mkdirSync(join(vault, ".obsidian"));
	mkdirSync(join(vault, "deep", "notes"), { recursive: true });
	writeFileSync(
		join(vault, "image.png"),
		Buffer.from("89504e470d0a1a0a", "hex"),
	);
	const note = join(vault, "deep", "notes", "N.md");
	writeFileSync(note, "![[image.png]]\n");

	const out = tempFolder();
	const result = runBuiltCli(["preview", note, "--out", out]);
	assert.equal(result.stderr, "");
	assert.match(
		readFileSync(join(out, "N.html"), "utf8"),
		/<img src="data:image\/png;base64,iVBORw0KGgo=" alt="image.png">/,
	);
});

void test("missing preview runtime fails clearly", () => {
	// A copy of the bin without dist/preview-runtime.js beside it, inside the checkout so
	// that its packages still resolve from node_modules.
	const copy = resolve("tests", "output", "cli-without-runtime", "dist");
	rmSync(copy, { recursive: true, force: true });
	mkdirSync(copy, { recursive: true });
	copyFileSync(BUILT_CLI, join(copy, "cli.cjs"));

	const run = spawnSync(
		process.execPath,
		[join(copy, "cli.cjs"), "preview", EXAMPLE_NOTE, "--out", tempFolder()],
		{
			encoding: "utf8",
		},
	);
	assert.equal(run.status, 1);
	assert.match(
		run.stderr,
		/preview-runtime\.js is missing: run npm run build first/,
	);
	assert.equal(run.stdout, "");
});

void test("sample delegates to block layer", () => {
	const result = runBuiltCli(["sample", "-"], {
		input: "function: relu\nsamples: 3\nat: [0]\n",
	});
	assert.equal(result.status, 0, result.stderr);
	const json = JSON.parse(result.stdout) as {
		series: { x: number[]; value: number[] }[];
	};
	assert.deepEqual(json.series[0]?.x, [-8, 0, 8]);
	assert.deepEqual(json.series[0]?.value, [0, 0, 8]);
});

void test("sample bad block exits 2", () => {
	const result = runBuiltCli(["sample", "-"], { input: "switch\n" });
	assert.equal(result.status, 2);
	assert.match(result.stderr, /^line 1: unknown activation 'switch'/);
	assert.equal(result.stdout, "");
});

void test("preview reads a note with a byte order mark", () => {
	const folder = tempFolder();
	const note = join(folder, "bom.md");
	writeFileSync(note, "\uFEFF# Heading\n\ntext\n");
	const result = runBuiltCli(["preview", note, "--out", folder]);
	assert.equal(result.status, 0, result.stderr);
	const html = readFileSync(join(folder, "bom.html"), "utf8");
	assert.match(html, /<h1[^>]*>Heading<\/h1>/);
});
