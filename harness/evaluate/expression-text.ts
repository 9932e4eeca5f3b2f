/**
 * Text from a snapshot file is data. Before a default expression or a type name read from one
 * is evaluated, it must be what pg_get_expr / format_type write: one expression, no statement
 * separator, no comment, no dollar quoting, parentheses that never close what they did not open,
 * no subquery. Anything else is refused with the reason (and the difference stays as text).
 */

const SUBQUERY_WORDS = new Set(['select', 'values', 'table', 'insert', 'update', 'delete', 'merge', 'copy', 'execute']);

/** Why `text` is not a single default expression, or undefined when it is one. */
export function expressionRefusal(text: string): string | undefined {
  return scan(text, { words: (word) => (SUBQUERY_WORDS.has(word.toLowerCase()) ? `"${word}" (a subquery or statement)` : undefined), strings: true });
}

/** Why `text` is not a type name as format_type writes it (`public.amount`, `numeric(12,2)[]`). */
export function typeNameRefusal(text: string): string | undefined {
  if (text.trim() === '') return 'an empty type name';
  return scan(text, { words: () => undefined, strings: false, only: /[\s.,()[\]0-9]/ });
}

function scan(text: string, rules: { words: (word: string) => string | undefined; strings: boolean; only?: RegExp }): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "'" && rules.strings) {
      const escapes = /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? '');
      i++;
      for (;;) {
        if (i >= text.length) return 'an unterminated string';
        if (escapes && text[i] === '\\') i += 2;
        else if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") break;
        else i++;
      }
      i++;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return 'an unterminated quoted identifier';
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') break;
        else i++;
      }
      i++;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const word = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/.exec(text.slice(i))![0];
      const refused = rules.words(word);
      if (refused) return refused;
      i += word.length;
      if (text[i] === '$') return 'a "$"';
    } else if (c === ';') return 'a ";" (a second statement)';
    else if (c === '$') return 'a "$" (dollar quoting or a parameter)';
    else if (c === '\\') return 'a backslash';
    else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*')) return 'a comment';
    else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      if (--depth < 0) return 'a ")" that closes what it did not open';
      i++;
    } else if (rules.only && !rules.only.test(c)) return `a "${c}"`;
    else i++;
  }
  return depth === 0 ? undefined : 'an unclosed "("';
}
