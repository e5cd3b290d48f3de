/**
 * The optimal string alignment distance (Damerau-Levenshtein with adjacent
 * transpositions, each substring edited once) between two strings.
 */
export function editDistance(a: string, b: string): number {
	let beforePrevious = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = new Array<number>(b.length + 1).fill(0);
		current[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(
				(previous[j] as number) + 1,
				(current[j - 1] as number) + 1,
				(previous[j - 1] as number) + cost,
			);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
			}
			current[j] = best;
		}
		beforePrevious = previous;
		previous = current;
	}
	return previous[b.length] as number;
}

/**
 * Returns the candidate nearest to `name` when it is a plausible typo: case is ignored,
 * and at most one edit per three characters is allowed (at least one). Ties go to the
 * earlier candidate. Returns null when nothing is close, or when `name` is a candidate.
 */
export function suggestName(
	name: string,
	candidates: readonly string[],
): string | null {
	const wanted = name.toLowerCase();
	const allowed = Math.max(1, Math.floor(wanted.length / 3));
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		if (candidate === name) {
			return null;
		}
		const distance = editDistance(wanted, candidate.toLowerCase());
		if (distance <= allowed && distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
