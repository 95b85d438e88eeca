/**
 * SQL identifiers that come from config or stream names are checked against this before they
 * are ever placed in SQL text; values always go in as parameters.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function assertIdentifier(name: string, what: string): string {
  if (!isIdentifier(name)) {
    throw new Error(`${what} "${name}" is not a valid SQL identifier (lowercase letters, digits and _, starting with a letter or _, at most 63 characters)`);
  }
  return name;
}

/** Double-quoted identifier; safe because callers validated it first. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal (quotes doubled), where a value cannot be a parameter: file paths in ATTACH and COPY, config text compiled into model and data-test SQL. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
