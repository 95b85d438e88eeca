/** Coercions both engines' bulk inserts apply, so the same rows land the same way on either. */

export function timestampMillis(v: unknown): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v));
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${String(v)}`);
  return ms;
}

export function isoTimestamp(v: unknown): string {
  return new Date(timestampMillis(v)).toISOString();
}

/**
 * Escapes JSON text cannot always store, each taken whole: a surrogate pair (kept), a lone surrogate,
 * or NUL. Group 1 takes the escaped backslashes before it, so `\\ud83d` (a backslash, then text) is
 * never mistaken for an escape.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\u0000)/g;

const PAIR_LENGTH = 12;
/** U+FFFD itself, not its escape: JSON.stringify writes it as is, so text read back and re-serialised compares equal. */
const REPLACEMENT = '\ufffd';

/** How each escape storableJsonText may replace begins: a few native scans tell text that holds none. */
const UNSTORABLE_PREFIXES = ['\\ud', '\\uD', '\\u0000'] as const;

/** Whether JSON text, or its UTF-8 bytes, may hold an escape storableJsonText replaces. */
export function mayHoldUnstorable(text: string | Buffer): boolean {
  return UNSTORABLE_PREFIXES.some((p) => text.includes(p));
}

/**
 * JSON text both engines can store, the same on either. A vendor that cuts a string at a UTF-16
 * boundary (a truncated emoji in a note) sends a lone surrogate such as `"\ud83d"`, which JSON.parse
 * accepts but neither DuckDB's JSON reader nor jsonb does; Postgres also refuses NUL (`\u0000`,
 * pasted résumé text). Either would fail its whole page on every run, so each becomes U+FFFD, the
 * replacement character (NUL on DuckDB too, so both raw zones hold the same text).
 */
export function storableJsonText(text: string): string {
  if (!mayHoldUnstorable(text)) return text;
  return text.replace(UNSTORABLE_ESCAPE, (match, backslashes: string, escape: string) => (escape.length === PAIR_LENGTH ? match : backslashes + REPLACEMENT));
}

/** A bulk-inserted JSON value as text: objects are serialised, text is trusted to be JSON. */
export function jsonText(v: unknown): string {
  return storableJsonText(typeof v === 'string' ? v : JSON.stringify(v));
}
