/** Significant digits shown in tooltips, tables and slider readouts. */
const DIGITS = 6;

/**
 * Formats a number for people: six significant digits without trailing zeros, exponent
 * notation below 1e-4 and from 1e6 on, "undefined" where there is no number (NaN, as
 * log at -1), and "∞" or "-∞" for infinite values.
 * Example: formatNumber(0.25000000001) returns "0.25".
 */
export function formatNumber(value: number): string {
	if (Number.isNaN(value)) {
		return "undefined";
	}
	if (!Number.isFinite(value)) {
		return value > 0 ? "∞" : "-∞";
	}
	if (value === 0) {
		return "0";
	}
	const magnitude = Math.abs(value);
	if (magnitude >= 1e6 || magnitude < 1e-4) {
		return value.toExponential(DIGITS - 1).replace(/\.?0+e/, "e");
	}
	return String(Number(value.toPrecision(DIGITS)));
}
