import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import {
	liteAdaptor,
	type LiteAdaptor,
} from "mathjax-full/js/adaptors/liteAdaptor.js";
import { HTMLDocument } from "mathjax-full/js/handlers/html/HTMLDocument.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";
import type { LiteElement } from "mathjax-full/js/adaptors/lite/Element.js";
import type { LiteText } from "mathjax-full/js/adaptors/lite/Text.js";
import type { LiteDocument } from "mathjax-full/js/adaptors/lite/Document.js";

/**
 * Typesets TeX with MathJax 3, which Obsidian also uses, to self-contained SVG in Node:
 * every glyph is a path inside the formula's own SVG, so the page needs no fonts.
 * Results are cached by source, because notes repeat the same symbols often.
 */
export class MathTypesetter {
	private readonly adaptor: LiteAdaptor;
	private readonly document: HTMLDocument<LiteElement, LiteText, LiteDocument>;
	private readonly svg: SVG<LiteElement, LiteText, LiteDocument>;
	private readonly cache = new Map<string, string>();

	constructor() {
		this.adaptor = liteAdaptor();

		// The 'local' font cache puts each formula's glyph paths in that formula's <defs>,
		// so formulas stay independent of each other and of their order on the page.
		this.svg = new SVG<LiteElement, LiteText, LiteDocument>({
			fontCache: "local",
		});
		const tex = new TeX<LiteElement, LiteText, LiteDocument>({
			packages: AllPackages,
		});
		const page = this.adaptor.parse("", "text/html");
		this.document = new HTMLDocument<LiteElement, LiteText, LiteDocument>(
			page,
			this.adaptor,
			{
				InputJax: tex,
				OutputJax: this.svg,
			},
		);
	}

	/** Returns the SVG markup of `tex`, wrapped in MathJax's `<mjx-container>`. */
	typeset(tex: string, display: boolean): string {
		const key = `${display ? "D" : "I"}${tex}`;
		const cached = this.cache.get(key);
		if (cached !== undefined) {
			return cached;
		}

		const node = this.document.convert(tex, { display }) as LiteElement;
		const markup = this.adaptor.outerHTML(node);
		this.cache.set(key, markup);
		return markup;
	}

	/** Returns the CSS that MathJax's SVG output expects on the page. */
	styleSheet(): string {
		const sheet = this.svg.styleSheet(this.document);
		return this.adaptor.textContent(sheet);
	}
}
