import { Component } from "./component";

/** Where `showAtPosition` puts a menu's top-left corner, in the window's CSS pixels. */
export interface MenuPositionDef {
	x: number;
	y: number;
	width?: number;
	overlap?: boolean;
	left?: boolean;
}

type ClickHandler = (evt: MouseEvent | KeyboardEvent) => unknown;

/**
 * One menu entry, drawn as Obsidian draws it: `div.menu-item` with `data-section`, holding
 * `div.menu-item-icon` (the icon id in `data-icon`, since the stand-in has no icon set)
 * and `div.menu-item-title`.
 */
export class MenuItem {
	readonly dom: HTMLElement;
	readonly iconEl: HTMLElement;
	readonly titleEl: HTMLElement;
	section = "";
	disabled = false;
	private readonly clickHandlers: ClickHandler[] = [];

	/** Obsidian's constructor is private: menus create their items in `addItem`. */
	constructor(private readonly menu: Menu) {
		this.dom = createDiv({ cls: "menu-item", attr: { tabindex: -1 } });
		this.iconEl = this.dom.createDiv({ cls: "menu-item-icon" });
		this.titleEl = this.dom.createDiv({ cls: "menu-item-title" });
		this.dom.addEventListener("click", (event) => this.handleEvent(event));
	}

	setTitle(title: string | DocumentFragment): this {
		this.titleEl.empty();
		if (typeof title === "string") this.titleEl.setText(title);
		else this.titleEl.appendChild(title);
		return this;
	}

	setIcon(icon: string | null): this {
		if (icon === null) this.iconEl.removeAttribute("data-icon");
		else this.iconEl.setAttribute("data-icon", icon);
		return this;
	}

	setChecked(checked: boolean | null): this {
		this.dom.toggleClass("mod-checked", checked === true);
		return this;
	}

	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		this.dom.toggleClass("is-disabled", disabled);
		return this;
	}

	setWarning(isWarning: boolean): this {
		this.dom.toggleClass("is-warning", isWarning);
		return this;
	}

	setIsLabel(isLabel: boolean): this {
		this.dom.toggleClass("is-label", isLabel);
		return this;
	}

	setSection(section: string): this {
		this.section = section;
		this.dom.setAttribute("data-section", section);
		return this;
	}

	onClick(callback: ClickHandler): this {
		this.clickHandlers.push(callback);
		return this;
	}

	/** Runs the click handlers and closes the menu, as choosing an item does. */
	handleEvent(event: MouseEvent | KeyboardEvent): void {
		if (this.disabled) return;
		this.menu.hide();
		for (const handler of this.clickHandlers) void handler(event);
	}
}

/** A line between sections, drawn as `div.menu-separator`. */
export class MenuSeparator {
	readonly dom = createDiv({ cls: "menu-separator" });
}

/** The menu shown now: Obsidian shows one menu at a time. A stand-in extra for tests. */
export const menus: { open: Menu | null } = { open: null };

/**
 * A context menu drawn as DOM (`div.menu` in the body, positioned at the pointer). It
 * closes when an item is chosen, on Escape, on a pointer press outside it, or when another
 * menu opens. Showing loads it as a component and hiding unloads it, so handlers
 * registered on the menu live as long as it is open.
 *
 * NOTE: sections appear in the order of their first item. Obsidian's own ordering of
 * named sections is not modelled.
 */
export class Menu extends Component {
	readonly dom: HTMLElement;
	readonly scrollEl: HTMLElement;
	private readonly entries: (MenuItem | MenuSeparator)[] = [];
	private readonly hideHandlers: (() => unknown)[] = [];
	private parentEl: HTMLElement | null = null;
	private visible = false;

	constructor() {
		super();
		this.dom = createDiv({ cls: "menu" });
		this.scrollEl = this.dom.createDiv({ cls: "menu-scroll" });
	}

	setNoIcon(): this {
		this.dom.addClass("mod-no-icon");
		return this;
	}

	/** Only the DOM menu exists here: the desktop app's native menus are not modelled. */
	setUseNativeMenu(_useNativeMenu: boolean): this {
		return this;
	}

	/** Adds an item. As in Obsidian, it does nothing once the menu is shown. */
	addItem(cb: (item: MenuItem) => unknown): this {
		if (this.visible) return this;
		const item = new MenuItem(this);
		cb(item);
		this.entries.push(item);
		return this;
	}

	addSeparator(): this {
		if (this.visible) return this;
		this.entries.push(new MenuSeparator());
		return this;
	}

	setParentElement(el: HTMLElement): this {
		this.parentEl = el;
		return this;
	}

	showAtMouseEvent(evt: MouseEvent): this {
		const doc = evt.view?.document ?? document;
		return this.showAtPosition({ x: evt.clientX, y: evt.clientY }, doc);
	}

	showAtPosition(position: MenuPositionDef, doc: Document = document): this {
		if (this.visible) return this;
		menus.open?.hide();
		this.visible = true;
		menus.open = this;
		this.layOut();
		this.dom.setCssProps({
			left: `${position.x}px`,
			top: `${position.y}px`,
		});
		(this.parentEl ?? doc.body).appendChild(this.dom);
		this.load();
		// A right-click fires pointerdown before contextmenu, so the press that opened the
		// menu has passed before this listener exists.
		const win = doc.defaultView ?? window;
		this.registerDomEvent(doc, "pointerdown", (event) => {
			if (!this.dom.contains(event.target as Node)) this.hide();
		});
		this.registerDomEvent(win, "keydown", (event) => {
			if ((event as KeyboardEvent).key === "Escape") this.hide();
		});
		return this;
	}

	hide(): this {
		if (!this.visible) return this;
		this.visible = false;
		if (menus.open === this) menus.open = null;
		this.dom.detach();
		this.unload();
		for (const handler of this.hideHandlers) void handler();
		return this;
	}

	close(): void {
		this.hide();
	}

	onHide(callback: () => unknown): void {
		this.hideHandlers.push(callback);
	}

	static forEvent(_evt: PointerEvent | MouseEvent): Menu {
		return new Menu();
	}

	/** Draws the entries grouped by section, with a separator between sections. */
	private layOut(): void {
		this.scrollEl.empty();
		const sections = new Map<string, (MenuItem | MenuSeparator)[]>();
		let section = "";
		for (const entry of this.entries) {
			if (entry instanceof MenuItem) section = entry.section;
			const group = sections.get(section) ?? [];
			group.push(entry);
			sections.set(section, group);
		}
		let first = true;
		for (const group of sections.values()) {
			if (!first) this.scrollEl.appendChild(new MenuSeparator().dom);
			first = false;
			for (const entry of group) this.scrollEl.appendChild(entry.dom);
		}
	}
}
