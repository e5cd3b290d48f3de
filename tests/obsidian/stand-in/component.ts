import { tracker } from "./tracking";

/** A handler registered with `Events.on`, as `offref` and `registerEvent` take it. */
export interface EventRef {
	events: Events;
	name: string;
	callback: (...data: unknown[]) => unknown;
	ctx: unknown;
}

export class Events {
	private readonly handlers = new Map<string, EventRef[]>();

	on(
		name: string,
		callback: (...data: unknown[]) => unknown,
		ctx?: unknown,
	): EventRef {
		const ref: EventRef = { events: this, name, callback, ctx };
		this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
		return ref;
	}

	off(name: string, callback: (...data: unknown[]) => unknown): void {
		const kept = (this.handlers.get(name) ?? []).filter(
			(ref) => ref.callback !== callback,
		);
		this.handlers.set(name, kept);
	}

	offref(ref: EventRef): void {
		const kept = (this.handlers.get(ref.name) ?? []).filter(
			(other) => other !== ref,
		);
		this.handlers.set(ref.name, kept);
	}

	trigger(name: string, ...data: unknown[]): void {
		for (const ref of [...(this.handlers.get(name) ?? [])])
			this.tryTrigger(ref, data);
	}

	tryTrigger(ref: EventRef, args: unknown[]): void {
		try {
			ref.callback.apply(ref.ctx, args);
		} catch (error) {
			console.error(error);
		}
	}

	/** Handlers still registered for `name`; a stand-in extra for leak checks. */
	handlerCount(name: string): number {
		return this.handlers.get(name)?.length ?? 0;
	}
}

/**
 * Obsidian's lifecycle: `load` runs `onload` then loads children; `unload` unloads the
 * children, runs every registered cleanup, then `onunload`. Both run once.
 */
export class Component {
	private loaded = false;
	private readonly children: Component[] = [];
	private readonly cleanups: (() => unknown)[] = [];

	/** What `onload` returned last; a stand-in extra so tests can await a plugin's onload. */
	loading: unknown = undefined;

	load(): void {
		if (this.loaded) return;
		this.loaded = true;
		this.loading = this.onload();
		for (const child of [...this.children]) child.load();
	}

	onload(): unknown {
		return undefined;
	}

	unload(): void {
		if (!this.loaded) return;
		this.loaded = false;
		while (this.children.length > 0) this.children.pop()?.unload();
		while (this.cleanups.length > 0) this.cleanups.pop()?.();
		this.onunload();
	}

	onunload(): void {}

	/** True between load and unload; a stand-in extra for tests. */
	get isLoaded(): boolean {
		return this.loaded;
	}

	addChild<T extends Component>(component: T): T {
		this.children.push(component);
		if (this.loaded) component.load();
		return component;
	}

	removeChild<T extends Component>(component: T): T {
		const index = this.children.indexOf(component);
		if (index !== -1) {
			this.children.splice(index, 1);
			component.unload();
		}
		return component;
	}

	register(cb: () => unknown): void {
		tracker.componentRegistrations++;
		this.cleanups.push(() => {
			tracker.componentRegistrations--;
			return cb();
		});
	}

	registerEvent(ref: EventRef): void {
		this.register(() => ref.events.offref(ref));
	}

	registerDomEvent(
		el: EventTarget,
		type: string,
		callback: (event: Event) => unknown,
		options?: boolean | AddEventListenerOptions,
	): void {
		el.addEventListener(type, callback, options);
		this.register(() => el.removeEventListener(type, callback, options));
	}

	registerInterval(id: number): number {
		this.register(() => window.clearInterval(id));
		return id;
	}
}

/** A component tied to an element of rendered Markdown; see `NoteRenderer` for its life. */
export class MarkdownRenderChild extends Component {
	containerEl: HTMLElement;

	constructor(containerEl: HTMLElement) {
		super();
		this.containerEl = containerEl;
	}
}
