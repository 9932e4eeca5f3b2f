import { tokenize, type Token } from '../sql/lexer.js';

/**
 * Text from a snapshot file is data. Before a default expression or a type name read from one
 * is evaluated, it must be what pg_get_expr / format_type write: one expression, no statement
 * separator, no comment, no dollar quoting, parentheses that never close what they did not open,
 * no subquery. Anything else is refused with the reason (and the difference stays as text).
 *
 * The text is read with the project's one lexer (harness/sql/lexer.ts), the server's rules: what
 * it takes for a string, a name or a comment is what this check judges, so no text can be one
 * thing here and another to the server (`größe'\'…` is the name `größe` and the string `'\'`,
 * not an E'' string running on). The probe sets standard_conforming_strings on, as the lexer
 * reads strings.
 */

const SUBQUERY_WORDS = new Set(['select', 'values', 'table', 'insert', 'update', 'delete', 'merge', 'copy', 'execute']);

/** Why `text` is not a single default expression, or undefined when it is one. */
export function expressionRefusal(text: string): string | undefined {
  return scan(text, {
    word: (word) => (SUBQUERY_WORDS.has(word.toLowerCase()) ? `"${word}" (a subquery or statement)` : undefined),
    strings: true,
  });
}

/** Why `text` is not a type name as format_type writes it (`public.amount`, `numeric(12,2)[]`). */
export function typeNameRefusal(text: string): string | undefined {
  if (text.trim() === '') return 'an empty type name';
  return scan(text, { word: () => undefined, strings: false, symbols: new Set(['.', ',', '(', ')', '[', ']']) });
}

interface Rules {
  /** Why a bare word is refused, if it is. */
  word: (word: string) => string | undefined;
  /** Whether string constants are allowed. */
  strings: boolean;
  /** The only symbols allowed besides parentheses (all of them when absent). */
  symbols?: ReadonlySet<string>;
}

function scan(text: string, rules: Rules): string | undefined {
  // a blank appended ends whatever is open at the end but a string, quoted name, dollar quote or
  // block comment: a token of those that reaches the end of the padded text was never closed
  const padded = `${text} `;
  let depth = 0;
  for (const token of tokenize(padded)) {
    if (token.start >= text.length) break;
    const t = padded.slice(token.start, token.end);
    const unclosed = token.end >= padded.length;
    switch (token.kind) {
      case 'space':
        break;
      case 'comment':
        return 'a comment';
      case 'dollar':
      case 'parameter':
        return 'a "$" (dollar quoting or a parameter)';
      case 'psql-variable':
        return `a "${t[0]}"`;
      case 'string':
        if (!rules.strings) return `a "'"`;
        if (unclosed) return 'an unterminated string';
        break;
      case 'quoted':
        if (unclosed) return 'an unterminated quoted identifier';
        break;
      case 'word': {
        if (t.includes('$')) return 'a "$"';
        const refused = rules.word(t);
        if (refused) return refused;
        break;
      }
      case 'number':
        break;
      case 'symbol':
        if (t === ';') return 'a ";" (a second statement)';
        if (t === '$') return 'a "$" (dollar quoting or a parameter)';
        if (t === '\\') return 'a backslash';
        if (t === '(') depth++;
        else if (t === ')') {
          if (--depth < 0) return 'a ")" that closes what it did not open';
        } else if (rules.symbols && !rules.symbols.has(t)) return `a "${t}"`;
        break;
      default:
        return refusedKind(token);
    }
  }
  return depth === 0 ? undefined : 'an unclosed "("';
}

/** A token kind the lexer may add one day: refused until this check knows it. */
function refusedKind(token: Token): string {
  return `a ${token.kind} token`;
}
