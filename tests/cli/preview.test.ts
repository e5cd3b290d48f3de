import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspectBlock } from "../../src/cli/check-block";
import { findVaultRoot, VaultImages } from "../../src/cli/embeds";
import {
	createNoteEnv,
	createNoteRenderer,
	type NoteEnv,
	type TexRenderer,
} from "../../src/cli/markdown";
import { MathTypesetter } from "../../src/cli/math";
import { parseWikiLink, wikiLinkText } from "../../src/cli/obsidian-syntax";
import { buildPage } from "../../src/cli/page";
import { listNotes, NoteRenderer, planOutputs } from "../../src/cli/preview";

/** A 1x1 PNG, red, as written by a graphics program. */
const PNG_BASE64 =
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

const typesetter = new MathTypesetter();

/** Records every formula it is given and returns a marker that tests can find. */
class RecordingTypesetter implements TexRenderer {
	readonly formulas: { tex: string; display: boolean }[] = [];

	typeset(tex: string, display: boolean): string {
		this.formulas.push({ tex, display });
		return `<span data-tex="${this.formulas.length - 1}"></span>`;
	}
}

/** Creates a vault with `.obsidian`, an attachment folder holding plot.png, and a note folder. */
function createVault(): { root: string; notes: string } {
	const root = mkdtempSync(join(tmpdir(), "activation-vault-"));
	mkdirSync(join(root, ".obsidian"));
	mkdirSync(join(root, "attachments"));
	mkdirSync(join(root, "notes"));
	const png = Buffer.from(PNG_BASE64, "base64");
	writeFileSync(join(root, "attachments", "plot.png"), png);
	return { root, notes: join(root, "notes") };
}

function render(
	markdown: string,
	tex: TexRenderer = typesetter,
): { html: string; env: NoteEnv } {
	const vault = createVault();
	const env = createNoteEnv(vault.notes, new VaultImages(vault.root));
	const html = createNoteRenderer(tex).render(markdown, env);
	return { html, env };
}

void test("inline math typeset to svg", () => {
	const { html } = render("The slope $\\alpha$ is small.");
	assert.match(
		html,
		/<span class="math math-inline"><mjx-container class="MathJax" jax="SVG"><svg /,
	);
	assert.doesNotMatch(html, /\$/);
});

void test("display math block typeset to svg", () => {
	const { html } = render("$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$");
	assert.match(
		html,
		/^<div class="math math-block"><mjx-container class="MathJax" jax="SVG" display="true"><svg /,
	);
});

void test("display math inside paragraph", () => {
	const tex = new RecordingTypesetter();
	const { html } = render(
		"**$Sigmoid(x)$** $$\\operatorname{sigmoid}(x) = \\frac{1}{1 + \\exp(-x)}.$$",
		tex,
	);
	assert.deepEqual(tex.formulas, [
		{ tex: "Sigmoid(x)", display: false },
		{
			tex: "\\operatorname{sigmoid}(x) = \\frac{1}{1 + \\exp(-x)}.",
			display: true,
		},
	]);
	assert.match(html, /<strong><span class="math math-inline">/);
	assert.match(html, /<span class="math math-display">/);
});

void test("math source reaches typesetter unchanged", () => {
	const tex = new RecordingTypesetter();
	const aligned = [
		"\\begin{aligned}",
		"    \\mathbf{H} & = \\sigma(\\mathbf{X} \\mathbf{W}^{(1)} + \\mathbf{b}^{(1)}), \\\\",
		"    - \\mathbf{O} & = \\mathbf{H}\\mathbf{W}^{(2)} + \\mathbf{b}^{(2)}.\\\\",
		"\\end{aligned}",
	].join("\n");
	const { html } = render(
		`Text before\n$$\n${aligned}\n$$\nand $a_1 * b_2 * c_{[0,1]}$ after.`,
		tex,
	);
	assert.equal(tex.formulas[0]?.tex, aligned);
	assert.equal(tex.formulas[0]?.display, true);
	assert.equal(tex.formulas[1]?.tex, "a_1 * b_2 * c_{[0,1]}");
	assert.equal(tex.formulas.length, 2);
	assert.doesNotMatch(html, /<em>|<ul>|<li>|<code>/);
});

void test("math inside blockquote and list", () => {
	const tex = new RecordingTypesetter();
	const { html } = render(
		"> Quote with $x \\in \\mathcal{R}$ here\n>> nested $y$\n\n- item $z^2$\n  1. inner $w$",
		tex,
	);
	assert.deepEqual(
		tex.formulas.map((formula) => formula.tex),
		["x \\in \\mathcal{R}", "y", "z^2", "w"],
	);
	assert.match(
		html,
		/<blockquote>\n<p>Quote with <span class="math math-inline">/,
	);
	assert.match(html, /<li>item <span class="math math-inline">/);
});

void test("display math block inside blockquote", () => {
	const tex = new RecordingTypesetter();
	const { html } = render(
		"> Softmax:\n> $$\n>   p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\n> $$\n> done",
		tex,
	);
	assert.deepEqual(tex.formulas, [
		{ tex: "p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}", display: true },
	]);
	assert.match(
		html,
		/<blockquote>\n<p>Softmax:<\/p>\n<div class="math math-block">.*<\/div>\n<p>done<\/p>\n<\/blockquote>/s,
	);
});

void test("dollars that are not math", () => {
	const tex = new RecordingTypesetter();
	const { html } = render(
		"Costs $5 and $6, escaped \\$x\\$, spaced $ x $, code `$y$`.",
		tex,
	);
	assert.equal(tex.formulas.length, 0);
	assert.match(html, /<code>\$y\$<\/code>/);
	assert.match(html, /Costs \$5 and \$6/);
});

void test("unclosed display math stays text", () => {
	const tex = new RecordingTypesetter();
	const { html } = render("$$\na + b\n\nno closing", tex);
	assert.equal(tex.formulas.length, 0);
	assert.match(html, /\$\$/);
});

void test("missing image embed placeholder", () => {
	const { html, env } = render("![[ReLU.png]]![[grad ReLU.png]]");
	assert.match(
		html,
		/<span class="embed-missing" role="img" aria-label="Missing image: ReLU.png">Missing image: ReLU.png<\/span>/,
	);
	assert.match(html, />Missing image: grad ReLU.png</);
	assert.deepEqual(env.missingEmbeds, ["ReLU.png", "grad ReLU.png"]);
	assert.doesNotMatch(html, /<img/);
});

void test("vault image embedded as data uri", () => {
	const { html, env } = render("![[plot.png]]");
	assert.equal(env.missingEmbeds.length, 0);
	assert.ok(
		html.includes(
			`<img src="data:image/png;base64,${PNG_BASE64}" alt="plot.png">`,
		),
		html,
	);
});

void test("embed size sets image width", () => {
	const { html } = render("![[plot.png|300]]");
	assert.match(
		html,
		/<img src="data:image\/png;base64,[^"]+" alt="plot.png" width="300">/,
	);
});

void test("markdown image relative to note", () => {
	const { html } = render(
		"![A plot](../attachments/plot.png) and ![Same](attachments/plot.png)",
	);
	assert.equal(html.match(/<img src="data:image\/png;base64,/g)?.length, 2);
	assert.match(html, /alt="A plot"/);
});

void test("image outside vault not read", () => {
	const vault = createVault();
	const outside = join(vault.root, "..", `outside-${Date.now()}.png`);
	writeFileSync(outside, Buffer.from(PNG_BASE64, "base64"));
	const env = createNoteEnv(vault.notes, new VaultImages(vault.root));
	const html = createNoteRenderer(typesetter).render(
		`![x](../../${outside.split("/").pop() ?? ""})`,
		env,
	);
	assert.doesNotMatch(html, /<img/);
	assert.match(html, /Missing image/);
});

void test("remote image never requested", () => {
	const { html } = render("![chart](https://example.com/chart.png)");
	assert.doesNotMatch(html, /<img/);
	assert.doesNotMatch(html, /src="http/);
	assert.match(html, /Remote image not loaded/);
});

void test("wikilink text with heading", () => {
	const { html } = render(
		"See [[Softmax Regression#Softmax - функция активации]].",
	);
	assert.match(
		html,
		/<span class="internal-link" title="Softmax Regression#Softmax - функция активации">Softmax Regression &gt; Softmax - функция активации<\/span>/,
	);
	assert.doesNotMatch(html, /\[\[/);
});

void test("wikilink alias shown", () => {
	const { html } = render(
		"In [[Рекуррентные нейронные сети|Рекуррентных нейронных сетей]].",
	);
	assert.match(html, />Рекуррентных нейронных сетей<\/span>/);
	assert.match(html, /title="Рекуррентные нейронные сети"/);
});

void test("wikilink parts parsed", () => {
	assert.deepEqual(parseWikiLink("Note#Heading|Alias"), {
		path: "Note",
		subpath: "Heading",
		alias: "Alias",
	});
	assert.deepEqual(parseWikiLink("#Local"), {
		path: "",
		subpath: "Local",
		alias: null,
	});
	assert.equal(wikiLinkText(parseWikiLink("#Local")), "Local");
	assert.equal(wikiLinkText(parseWikiLink("Note#A#B")), "Note > A > B");
});

void test("note embed placeholder", () => {
	const { html, env } = render("![[Other note]]");
	assert.match(html, />Embedded note not included: Other note</);
	assert.deepEqual(env.missingEmbeds, ["Other note"]);
});

void test("highlight becomes mark", () => {
	const { html } = render("a ==Softmax *b*== c, and a == b == c");
	assert.match(html, /<mark>Softmax <em>b<\/em><\/mark>/);
	assert.match(html, /a == b == c/);
});

void test("callout rendered as box", () => {
	const { html } = render(
		"> [!warning] Vanishing gradient\n> Sigmoid saturates for $|x| > 5$.\n\n> [!tip]\n> Body only",
	);
	assert.match(
		html,
		/<div class="callout" data-callout="warning">\n<div class="callout-title">Vanishing gradient<\/div>\n<div class="callout-content">\n<p>Sigmoid saturates for <span class="math math-inline">/,
	);
	assert.match(
		html,
		/<div class="callout" data-callout="tip">\n<div class="callout-title">Tip<\/div>\n<div class="callout-content">\n<p>Body only<\/p>/,
	);
	assert.doesNotMatch(html, /<blockquote>|\[!/);
});

void test("front matter left out", () => {
	const { html } = render(
		"---\ntags: [ml]\naliases: [Activations]\n---\n# Title\n\n---\nText",
	);
	assert.equal(html, "<h1>Title</h1>\n<hr>\n<p>Text</p>\n");
});

void test("obsidian comments hidden", () => {
	const { html } = render(
		"Shown %%hidden **inline**%% text\n\n%%\nhidden block\n\nstill hidden\n%%\n\nAfter",
	);
	assert.equal(html, "<p>Shown  text</p>\n<p>After</p>\n");
});

void test("activation block wrapper markup", () => {
	const { html, env } = render(
		"Intro\n\n```activation\nrelu\n```\n\n```python\nprint(1)\n```",
	);
	assert.match(
		html,
		/<div class="activation-block"><pre class="activation-source"><code>relu<\/code><\/pre><\/div>/,
	);
	assert.match(
		html,
		/<pre><code class="language-python">print\(1\)\n<\/code><\/pre>/,
	);
	assert.deepEqual(env.activationBlocks, [{ line: 3, body: "relu" }]);
});

void test("activation block body escaped", () => {
	const body = 'function: "x < 0 ? 0 : x"\ntitle: <script>alert("&")</script>';
	const { html } = render("```activation\n" + body + "\n```");
	assert.ok(
		html.includes(
			"<code>function: &quot;x &lt; 0 ? 0 : x&quot;\ntitle: &lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;</code>",
		),
		html,
	);
	assert.doesNotMatch(html, /<script>/);
});

void test("raw html shown as text", () => {
	const { html } = render(
		'<img src="https://example.com/x.png" onerror="alert(1)">\n\n<script>alert(1)</script>',
	);
	assert.doesNotMatch(html, /<img|<script/);
	assert.match(html, /&lt;script&gt;/);
});

void test("page inlines runtime and styles", () => {
	const page = buildPage(
		{
			title: "A <b>note</b>",
			bodyHtml: "<p>body</p>",
			mathStyles: "mjx-container {}",
			captionMath: "",
			theme: "dark",
		},
		{
			runtimeScript: 'const s = "</script><script>alert(1)</script>";',
			chartStyles: ".activation-chart {}",
		},
	);
	assert.match(page, /<title>A &lt;b&gt;note&lt;\/b&gt;<\/title>/);
	assert.match(page, /--background-primary: #1e1e1e;/);
	assert.match(
		page,
		/@media print \{\n:root \{[^}]*--background-primary: #ffffff;/,
	);
	assert.match(page, /\.activation-chart \{\}/);
	assert.match(page, /const s = "<\\\/script><script>alert\(1\)<\\\/script>";/);
	assert.equal(page.match(/<\/script>/g)?.length, 1);
	assert.equal(page.match(/<script>/g)?.length, 2);
	assert.doesNotMatch(page, /<script src=|<link /);
});

void test("page without runtime has no script", () => {
	const page = buildPage(
		{
			title: "t",
			bodyHtml: "<p>b</p>",
			mathStyles: "",
			captionMath: "",
			theme: "light",
		},
		{ runtimeScript: null, chartStyles: "" },
	);
	assert.doesNotMatch(page, /<script|script-src|activation-math/);
	assert.match(page, /default-src 'none'; img-src data:/);
});

void test("light theme variables on root", () => {
	const page = buildPage(
		{
			title: "t",
			bodyHtml: "",
			mathStyles: "",
			captionMath: "",
			theme: "light",
		},
		{ runtimeScript: "", chartStyles: "" },
	);
	for (const variable of [
		"--text-normal: #222222",
		"--background-primary: #ffffff",
		"--color-red: #e93147",
		"--font-text:",
	]) {
		assert.ok(page.includes(variable), variable);
	}
	assert.match(page, /<html lang="en" class="theme-light">/);
});

void test("example note renders offline", () => {
	const notePath = join("examples", "Activation functions.md");
	const markdown = readFileSync(notePath, "utf8");
	const renderer = new NoteRenderer(
		{ runtimeScript: "/* runtime */", chartStyles: "" },
		() => ({
			problems: [],
			captionTex: [],
		}),
	);
	const vault = createVault();
	const { html, warnings } = renderer.render(
		notePath,
		markdown,
		new VaultImages(vault.root),
		"light",
	);

	const fences = markdown.match(/^```activation$/gm)?.length ?? 0;
	assert.ok(
		fences >= 6,
		`only ${fences} activation blocks in the example note`,
	);
	assert.equal(html.match(/<div class="activation-block">/g)?.length, fences);
	assert.equal(
		html.match(/<mjx-container/g)?.length,
		markdown.match(/\$\$[^$]+\$\$|\$[^$\n]+\$/g)?.length,
	);
	assert.doesNotMatch(html, /<script src=|<link |<img /);
	assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
	assert.doesNotMatch(html, /url\(\s*["']?https?:/);
	assert.doesNotMatch(html, /```|!\[\[|\$\$/);
	assert.deepEqual(warnings, []);
	assert.match(html, /<title>Activation functions<\/title>/);
});

void test("block problems become warnings", () => {
	const renderer = new NoteRenderer(
		{ runtimeScript: "", chartStyles: "" },
		(body) => ({
			problems:
				body === "switch" ? ["line 1: unknown activation 'switch'"] : [],
			captionTex: body === "relu" ? ["f(x) = \\max(0, x)"] : [],
		}),
	);
	const vault = createVault();
	const markdown =
		"# Note\n\n```activation\nrelu\n```\n\n```activation\nswitch\n```\n";
	const { warnings } = renderer.render(
		join(vault.notes, "n.md"),
		markdown,
		new VaultImages(vault.root),
		"light",
	);
	assert.deepEqual(warnings, [
		"activation block at line 7: line 1: unknown activation 'switch'",
	]);
});

void test("caption formulas typeset in store", () => {
	const renderer = new NoteRenderer(
		{ runtimeScript: "", chartStyles: "" },
		() => ({
			problems: [],
			captionTex: ["f(x) = \\max(0, x)", "f'(x) = x > 0 ? 1 : 0"],
		}),
	);
	const vault = createVault();
	const markdown = "```activation\nrelu\n```\n\n```activation\nrelu\n```\n";
	const { html } = renderer.render(
		join(vault.notes, "n.md"),
		markdown,
		new VaultImages(vault.root),
		"light",
	);
	const store = html.slice(
		html.indexOf('<div class="activation-math" hidden>'),
		html.indexOf("<script>"),
	);
	assert.equal(
		store.match(
			/<span data-tex="f\(x\) = \\max\(0, x\)"><mjx-container[^>]*><svg /g,
		)?.length,
		1,
	);
	assert.match(
		store,
		/<span data-tex="f'\(x\) = x &gt; 0 \? 1 : 0"><mjx-container/,
	);
});

void test("vault root found by obsidian folder", () => {
	const vault = createVault();
	const note = join(vault.notes, "a.md");
	writeFileSync(note, "# a");
	assert.equal(findVaultRoot(note), vault.root);
	assert.equal(findVaultRoot(vault.notes), vault.root);

	const plain = mkdtempSync(join(tmpdir(), "activation-plain-"));
	const plainNote = join(plain, "b.md");
	writeFileSync(plainNote, "# b");
	assert.equal(findVaultRoot(plainNote), plain);
});

void test("output paths for note and folder", () => {
	const single = planOutputs([join("in", "My note.md")], null, null);
	assert.deepEqual([...single.values()], [join(".", "My note.html")]);

	const toFile = planOutputs(
		[join("in", "a.md")],
		null,
		join("out", "page.html"),
	);
	assert.deepEqual([...toFile.values()], [join("out", "page.html")]);

	const folder = planOutputs(
		[join("in", "a.md"), join("in", "sub", "b.md")],
		"in",
		"site",
	);
	assert.deepEqual(
		[...folder.values()],
		[join("site", "a.html"), join("site", "sub", "b.html")],
	);

	assert.throws(
		() => planOutputs([join("in", "a.md")], "in", "page.html"),
		/names a file/,
	);
});

void test("folder notes listed recursively", () => {
	const vault = createVault();
	writeFileSync(join(vault.notes, "b.md"), "");
	writeFileSync(join(vault.notes, "a.md"), "");
	writeFileSync(join(vault.notes, "skip.txt"), "");
	mkdirSync(join(vault.notes, "sub"));
	writeFileSync(join(vault.notes, "sub", "c.md"), "");
	writeFileSync(join(vault.root, ".obsidian", "workspace.md"), "");
	assert.deepEqual(listNotes(vault.root), [
		join(vault.notes, "a.md"),
		join(vault.notes, "b.md"),
		join(vault.notes, "sub", "c.md"),
	]);
});

void test("block inspection reports problems", () => {
	const report = inspectBlock("switch");
	assert.equal(report.problems.length, 1);
	assert.match(
		report.problems[0] ?? "",
		/^line 1: unknown activation 'switch'/,
	);
	assert.deepEqual(report.captionTex, []);
});

void test("block inspection lists caption tex", () => {
	assert.deepEqual(inspectBlock("relu"), { problems: [], captionTex: [] });

	const report = inspectBlock("function: [relu, x^2]\ncaption: true");
	assert.deepEqual(report.problems, []);
	assert.equal(report.captionTex[0]?.startsWith("f(x) = "), true);
	assert.equal(report.captionTex[1]?.startsWith("f'(x) = "), true);
	assert.ok(report.captionTex.length >= 3, report.captionTex.join(" | "));
	for (const tex of report.captionTex) {
		assert.match(typesetter.typeset(tex, false), /<svg /);
		assert.doesNotMatch(
			typesetter.typeset(tex, false),
			/data-mml-node="merror"/,
		);
	}
});

void test("symbolic gradients typeset without errors", () => {
	const sources = [
		"max(0, x) + 0.1 * min(0, x)",
		"x > 0 ? x : a * (exp(x) - 1)",
		"0 < x < 1 ? x^2 : 0",
		"(x > 0 or not (x < -1)) * x",
		"2 * gelu(3 * x) + beta * relu(-x)",
		"x / 2 * (1 + erf(x / sqrt(2)))",
		"x^x + 2^x + cbrt(x) + abs(x) / (1 + abs(x))",
		"1e-7 * x^2 + 123456789.5 * x",
	];
	for (const source of sources) {
		const used = ["a", "beta"].filter((name) =>
			new RegExp(`\\b${name}\\b`).test(source),
		);
		const params = used.map((name) => `${name}: 1`).join(", ");
		const report = inspectBlock(
			`function: '${source}'\n${params === "" ? "" : `params: {${params}}\n`}caption: true`,
		);
		assert.deepEqual(report.problems, [], source);
		const gradient = report.captionTex.find((tex) => tex.startsWith("f'(x)"));
		assert.ok(
			gradient !== undefined,
			`${source}: ${report.captionTex.join(" | ")}`,
		);
		const svg = typesetter.typeset(gradient, false);
		assert.match(svg, /<svg /, source);
		assert.doesNotMatch(
			svg,
			/data-mml-node="merror"/,
			`${source}: ${gradient}`,
		);
	}
});

void test("definition captions use its name", () => {
	assert.deepEqual(
		inspectBlock("function: 'gate(x) = x^2'\ncaption: true").captionTex,
		[
			String.raw`\operatorname{gate}(x) = { x}^{2}`,
			String.raw`\operatorname{gate}'(x) = 2\cdot x`,
		],
	);
	assert.deepEqual(
		inspectBlock("function: 'g(x) = 3 x'\ncaption: true").captionTex,
		[String.raw`g(x) = 3~ x`, String.raw`g'(x) = 3`],
	);
	assert.equal(
		inspectBlock("function: x^2\ncaption: true").captionTex[0],
		"f(x) = { x}^{2}",
	);
});
