/**
 * Creates an element in the parent's own document and appends it, so that charts in
 * pop-out windows build their nodes in the right document. It replaces Obsidian's
 * createEl, which the standalone HTML preview does not have.
 */
export function createElement<K extends keyof HTMLElementTagNameMap>(
	parent: HTMLElement,
	tag: K,
	className?: string,
	text?: string,
): HTMLElementTagNameMap[K] {
	const element = parent.ownerDocument.createElement(tag);
	if (className !== undefined) {
		element.className = className;
	}
	if (text !== undefined) {
		element.textContent = text;
	}
	parent.appendChild(element);
	return element;
}

/** Removes every child of an element. */
export function removeChildren(element: HTMLElement): void {
	while (element.lastChild !== null) {
		element.removeChild(element.lastChild);
	}
}

/** Returns the window that owns an element, falling back to the global one for detached documents. */
export function windowOf(element: HTMLElement): Window {
	return element.ownerDocument.defaultView ?? window;
}
