/** Where in a SQL text something is, counted as the server counts: characters (code points), not UTF-16 units. */

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
