const PREFIX = "Activation Charts:";

/** Reports an error that the chart caught and drew in its block, for the developer console. */
export function logError(message: string, error: unknown): void {
	console.error(`${PREFIX} ${message}`, error);
}
