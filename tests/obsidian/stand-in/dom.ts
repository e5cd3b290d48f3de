/**
 * The element helpers that Obsidian adds to every window's DOM prototypes, for the few
 * of them the plugin uses: createEl, createDiv, createSpan, empty, setText, setCssProps,
 * addClass, removeClass, toggleClass, and the `win` and `doc` of a node.
 */

export interface DomElementInfo {
	cls?: string | string[];
	text?: string;
	attr?: Record<string, string | number | boolean | null>;
	title?: string;
	value?: string;
	type?: string;
	placeholder?: string;
}

function applyInfo(
	el: HTMLElement,
	info: DomElementInfo | string | undefined,
): void {
	if (info === undefined) return;
	if (typeof info === "string") {
		el.className = info;
		return;
	}
	if (info.cls !== undefined) {
		const classes = Array.isArray(info.cls) ? info.cls : info.cls.split(" ");
		el.classList.add(...classes.filter((name) => name !== ""));
	}
	if (info.text !== undefined) el.textContent = info.text;
	if (info.title !== undefined) el.title = info.title;
	for (const [name, value] of Object.entries(info.attr ?? {})) {
		if (value !== null && value !== false) el.setAttribute(name, String(value));
	}
	if (el.tagName === "INPUT") {
		const input = el as HTMLInputElement;
		if (info.type !== undefined) input.type = info.type;
		if (info.value !== undefined) input.value = info.value;
		if (info.placeholder !== undefined) input.placeholder = info.placeholder;
	}
}

function createChild(
	parent: Node,
	tag: string,
	info?: DomElementInfo | string,
): HTMLElement {
	const doc = parent.ownerDocument ?? (parent as Document);
	const el = doc.createElement(tag);
	applyInfo(el, info);
	parent.appendChild(el);
	return el;
}

export function installDomHelpers(win: Window & typeof window): void {
	const node = win.Node.prototype as unknown as Record<string, unknown>;
	const element = win.HTMLElement.prototype as unknown as Record<
		string,
		unknown
	>;

	Object.defineProperty(node, "doc", {
		configurable: true,
		get(this: Node) {
			return this.ownerDocument ?? this;
		},
	});
	Object.defineProperty(node, "win", {
		configurable: true,
		get(this: Node) {
			const doc = this.ownerDocument ?? (this as unknown as Document);
			return doc.defaultView ?? win;
		},
	});

	node.empty = function (this: Node) {
		while (this.firstChild !== null) this.removeChild(this.firstChild);
	};
	node.createEl = function (
		this: Node,
		tag: string,
		info?: DomElementInfo | string,
	) {
		return createChild(this, tag, info);
	};
	node.createDiv = function (this: Node, info?: DomElementInfo | string) {
		return createChild(this, "div", info);
	};
	node.createSpan = function (this: Node, info?: DomElementInfo | string) {
		return createChild(this, "span", info);
	};
	// Obsidian also defines createEl, createDiv and createSpan as globals that create a
	// detached element in the window's document.
	const globals = win as unknown as Record<string, unknown>;
	const detached = win.document.createDocumentFragment();
	globals.createEl = (tag: string, info?: DomElementInfo | string) =>
		createChild(detached, tag, info);
	globals.createDiv = (info?: DomElementInfo | string) =>
		createChild(detached, "div", info);
	globals.createSpan = (info?: DomElementInfo | string) =>
		createChild(detached, "span", info);

	// Obsidian's cross-window instanceof: a node from a pop-out window is an instance of
	// that window's classes, which share their names with the main window's.
	node.instanceOf = function (this: Node, type: { name: string }) {
		const own = (this.ownerDocument?.defaultView ?? win) as unknown as Record<
			string,
			unknown
		>;
		const ownType = own[type.name] as { prototype?: object } | undefined;
		const prototype = ownType?.prototype;
		return (
			prototype !== undefined &&
			Object.prototype.isPrototypeOf.call(prototype, this)
		);
	};
	node.detach = function (this: Node) {
		this.parentNode?.removeChild(this);
	};
	element.setText = function (this: HTMLElement, text: string) {
		this.textContent = text;
	};
	element.addClass = function (this: HTMLElement, ...classes: string[]) {
		this.classList.add(...classes);
	};
	element.removeClass = function (this: HTMLElement, ...classes: string[]) {
		this.classList.remove(...classes);
	};
	element.toggleClass = function (
		this: HTMLElement,
		classes: string | string[],
		on: boolean,
	) {
		for (const name of Array.isArray(classes) ? classes : [classes]) {
			this.classList.toggle(name, on);
		}
	};
	element.setCssProps = function (
		this: HTMLElement,
		props: Record<string, string>,
	) {
		for (const [name, value] of Object.entries(props))
			this.style.setProperty(name, value);
	};
}
