/**
 * A source or request that the kernel rejects. The message is one plain sentence without
 * a line number, because the block layer adds "line N: " in front of it.
 */
export class KernelError extends Error {
	/** The offending name as written, when the error is about one. */
	readonly symbol: string | null;
	/** The nearest valid name, when there is a close one. */
	readonly suggestion: string | null;

	constructor(
		message: string,
		symbol: string | null = null,
		suggestion: string | null = null,
	) {
		super(message);
		this.name = "KernelError";
		this.symbol = symbol;
		this.suggestion = suggestion;
	}
}
