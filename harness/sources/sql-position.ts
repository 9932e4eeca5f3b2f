/** The UTF-16 index in `text` of a 1-based character position (the server counts characters, not UTF-16 units). */
export function indexOfPosition(text: string, position: number): number {
  let index = 0;
  for (let n = 1; n < position && index < text.length; n++) index += isHighSurrogate(text.charCodeAt(index)) ? 2 : 1;
  return Math.min(index, text.length);
}

/** 1-based line and column (in characters, as the server counts) of the UTF-16 index `index` in `text`. */
export function lineAndColumnAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  let column = 1;
  for (let i = lineStart; i < before.length; i++) {
    if (!isHighSurrogate(before.charCodeAt(i)) || i + 1 >= before.length) column++;
  }
  return { line, column };
}

/** 1-based line and column of a 1-based character position in `text` (Postgres' error `position`). */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  return lineAndColumnAt(text, indexOfPosition(text, position));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
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
  return `${location}: ${serverMessage(error)}`;
}

/** `message [code] (detail; hint; where)` */
export function serverMessage(error: ServerErrorFields): string {
  const extras = [error.detail && `detail: ${error.detail}`, error.hint && `hint: ${error.hint}`, error.where && `where: ${error.where.replace(/\n/g, '; ')}`]
    .filter(Boolean)
    .join('; ');
  return `${error.message}${error.code ? ` [${error.code}]` : ''}${extras ? ` (${extras})` : ''}`;
}
