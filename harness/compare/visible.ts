import type { Comparison } from './types.js';

/**
 * Text from a catalog as a report shows it: a control character (a newline in a name, a
 * terminal escape in a comment) written as an escape (`\n`, `\x1b`), so that no name or value
 * can start a line of its own, overwrite one or colour one away. Reports read by people (text,
 * markdown) show every value through this; JSON escapes them itself.
 */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`.replace(/^\\x(\w{4})$/, '\\u$1'));
}
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Every string of a value (names, definitions, lists of lines, objects), through visibleText. */
function visibleValue<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map(visibleValue) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, visibleValue(v)])) as T;
  return value;
}

/** A comparison whose every string a report prints is visibleText. */
export function visibleComparison(comparison: Comparison): Comparison {
  return visibleValue(comparison);
}
