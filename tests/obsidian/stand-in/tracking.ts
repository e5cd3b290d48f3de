/**
 * Counts what outlives a chart in the page: Chart.js charts on canvases, event listeners
 * on long-lived targets (windows, documents, bodies) and observers still observing.
 */

/** Chart.js keeps this property on a canvas from the chart's creation until `destroy()`. */
const CHART_JS_CANVAS_KEY = "$chartjs";

interface ObserverLike {
	observe(...args: never[]): void;
	disconnect(): void;
}

class Tracker {
	readonly canvases = new Set<HTMLCanvasElement>();
	private readonly trackedTargets = new Set<EventTarget>();
	private readonly listeners = new Map<EventTarget, Set<string>>();
	private readonly listenerIds = new WeakMap<object, number>();
	private nextListenerId = 1;
	/** Observers observing something, with their kind and where observe() was called. */
	readonly observing = new Map<object, { kind: string; stack: string }>();
	/** Cleanups that components registered and have not run yet. */
	componentRegistrations = 0;

	/** Patches `win` so its canvases, listeners and observers are counted. */
	install(win: Window & typeof window): void {
		this.trackedTargets.add(win);
		this.trackedTargets.add(win.document);
		this.trackedTargets.add(win.document.documentElement);
		this.trackedTargets.add(win.document.body);
		this.patchCanvas(win);
		this.patchListeners(win);
		for (const name of [
			"ResizeObserver",
			"IntersectionObserver",
			"MutationObserver",
		] as const) {
			this.patchObserver(win, name);
		}
	}

	/** Charts whose canvas has not been released by `chart.destroy()`. */
	liveCharts(): number {
		let count = 0;
		for (const canvas of this.canvases) {
			if (CHART_JS_CANVAS_KEY in canvas) count++;
		}
		return count;
	}

	/** Listeners on windows, documents, root elements and bodies, by target and type. */
	liveListeners(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const [target, keys] of this.listeners) {
			for (const key of keys) {
				const name = `${describeTarget(target)} ${key.split("|")[0] ?? ""}`;
				counts[name] = (counts[name] ?? 0) + 1;
			}
		}
		return counts;
	}

	liveObservers(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const { kind } of this.observing.values()) {
			counts[kind] = (counts[kind] ?? 0) + 1;
		}
		return counts;
	}

	/** Where each live observer started observing, for leak messages. */
	liveObserverStacks(): string[] {
		return [...this.observing.values()].map(
			({ kind, stack }) => `${kind}: ${stack}`,
		);
	}

	private listenerKey(
		type: string,
		listener: unknown,
		options: unknown,
	): string {
		const capture =
			typeof options === "boolean"
				? options
				: Boolean(
						typeof options === "object" &&
						options !== null &&
						(options as { capture?: boolean }).capture,
					);
		let id = 0;
		if (typeof listener === "object" || typeof listener === "function") {
			const key = listener as object;
			id = this.listenerIds.get(key) ?? this.nextListenerId++;
			this.listenerIds.set(key, id);
		}
		return `${type}|${capture}|${id}`;
	}

	private patchCanvas(win: Window & typeof window): void {
		const prototype = win.HTMLCanvasElement.prototype;
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the canvas as `this`
		const getContext = prototype.getContext;
		const canvases = this.canvases;
		// The overloads of getContext cannot be restated in a replacement, so it is typed loosely.
		const patched = function (
			this: HTMLCanvasElement,
			...args: unknown[]
		): unknown {
			canvases.add(this);
			return (getContext as (...a: unknown[]) => unknown).apply(this, args);
		};
		prototype.getContext = patched as typeof getContext;
	}

	/** Records listeners added to tracked targets; `remember` and `forget` see each call. */
	private patchListeners(win: Window & typeof window): void {
		const prototype = win.EventTarget.prototype;
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the target as `this`
		const add = prototype.addEventListener;
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the target as `this`
		const remove = prototype.removeEventListener;
		const remember = (target: EventTarget, key: string): void => {
			if (!this.trackedTargets.has(target)) return;
			// Playwright's injected script listens on the page's windows itself.
			if ((new Error().stack ?? "").includes("InjectedScript")) return;
			const keys = this.listeners.get(target) ?? new Set<string>();
			keys.add(key);
			this.listeners.set(target, keys);
		};
		const forget = (target: EventTarget, key: string): void => {
			this.listeners.get(target)?.delete(key);
		};
		const keyOf = (type: string, listener: unknown, options: unknown): string =>
			this.listenerKey(type, listener, options);
		prototype.addEventListener = function (
			this: EventTarget,
			type,
			listener,
			options,
		) {
			if (listener !== null) remember(this, keyOf(type, listener, options));
			add.call(this, type, listener, options);
		};
		prototype.removeEventListener = function (
			this: EventTarget,
			type,
			listener,
			options,
		) {
			if (listener !== null) forget(this, keyOf(type, listener, options));
			remove.call(this, type, listener, options);
		};
	}

	private patchObserver(
		win: Window & typeof window,
		name: "ResizeObserver" | "IntersectionObserver" | "MutationObserver",
	): void {
		const Original = win[name] as unknown as new (
			...args: never[]
		) => ObserverLike;
		const observing = this.observing;
		const Counted = class extends Original {
			private readonly targets = new Set<unknown>();
			override observe(...args: never[]): void {
				this.targets.add(args[0]);
				const stack = new Error().stack ?? "";
				// Playwright's injected script watches the page with observers of its own.
				if (!stack.includes("InjectedScript"))
					observing.set(this, { kind: name, stack });
				super.observe(...args);
			}
			unobserve(target: Element): void {
				this.targets.delete(target);
				if (this.targets.size === 0) observing.delete(this);
				(
					Original.prototype as unknown as { unobserve: (t: Element) => void }
				).unobserve.call(this, target);
			}
			override disconnect(): void {
				this.targets.clear();
				observing.delete(this);
				super.disconnect();
			}
		};
		Object.defineProperty(win, name, {
			value: Counted,
			configurable: true,
			writable: true,
		});
	}
}

function describeTarget(target: EventTarget): string {
	const node = target as Partial<Node> & Partial<Window>;
	if (node.nodeType === 9) return "document";
	if (node.nodeType === 1) return (target as Element).tagName.toLowerCase();
	return "window";
}

export const tracker = new Tracker();
