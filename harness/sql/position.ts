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

/**
 * lineAndColumnAt for many indexes of one text, asked in increasing order (as a splitter finds
 * statements): the text is read once, not from its start for each. An index before the last one
 * asked starts over.
 */
export function positionsIn(text: string): (index: number) => { line: number; column: number } {
  let at = 0; // the last index asked
  let line = 1;
  let lineStart = 0;
  let counted = 0; // characters in [lineStart, at): every UTF-16 unit but a high surrogate
  return (wanted) => {
    const index = Math.max(0, Math.min(wanted, text.length));
    if (index < at) {
      at = 0;
      line = 1;
      lineStart = 0;
      counted = 0;
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
      at = lineStart;
      counted = 0;
    }
    for (; at < index; at++) if (!isHighSurrogate(text.charCodeAt(at))) counted++;
    // a high surrogate just before `index` (an index between the halves of a pair) is a character of its own
    return { line, column: 1 + counted + (index > lineStart && isHighSurrogate(text.charCodeAt(index - 1)) ? 1 : 0) };
  };
}

/** 1-based line and column of a 1-based character position in `text` (Postgres' error `position`). */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  return lineAndColumnAt(text, indexOfPosition(text, position));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
