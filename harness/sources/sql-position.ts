/** 1-based line and column of a 1-based character position in `text` (Postgres' error `position`). */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** pg's DatabaseError fields we report. */
export interface ServerErrorFields {
  message: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  detail?: string;
  hint?: string;
  code?: string;
}

/** `file:line:col: message (detail; hint; where)` from a server error raised by `sql`. */
export function describeServerError(file: string, sql: string, error: ServerErrorFields): string {
  let location = file;
  if (error.position) {
    const { line, column } = lineAndColumn(sql, Number(error.position));
    location = `${file}:${line}:${column}`;
  }
  const extras = [error.detail && `detail: ${error.detail}`, error.hint && `hint: ${error.hint}`, error.where && `where: ${error.where.replace(/\n/g, '; ')}`]
    .filter(Boolean)
    .join('; ');
  return `${location}: ${error.message}${error.code ? ` [${error.code}]` : ''}${extras ? ` (${extras})` : ''}`;
}
