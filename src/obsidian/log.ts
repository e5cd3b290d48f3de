const PREFIX = "Activation Charts:";

/**
 * Reports an error on the developer console with the plugin's name in front. Obsidian asks
 * plugins to keep the console quiet, so this is the only place the plugin writes to it.
 */
export function logError(message: string, error?: unknown): void {
	if (error === undefined) {
		console.error(PREFIX, message);
	} else {
		console.error(PREFIX, message, error);
	}
}
