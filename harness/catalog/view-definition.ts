import { tokenize, unquoted } from '../sql/lexer.js';

/**
 * A one-relation view's definition as PostgreSQL 16 and later write it, from the text 14–15 write:
 * before 16 the server qualified each column of such a view with the relation's name or alias
 * (`requests.id`), from 16 it does not (`id`). `qualifier` is that name (views.sql gives it only
 * for a query of one level and one relation). It is taken off where it qualifies a name, on the
 * lexer's tokens: never inside a string or a quoted name, nor after `::` (a type) or another
 * `.` (a longer name), nor before `name(` (a function of a schema spelled like the relation).
 */
export function withoutQualifier(definition: string, qualifier: string | null): string {
  if (qualifier === null) return definition;
  const tokens = tokenize(definition);
  const significant = (from: number, step: 1 | -1) => {
    for (let i = from; i >= 0 && i < tokens.length; i += step) if (tokens[i]!.kind !== 'space' && tokens[i]!.kind !== 'comment') return i;
    return -1;
  };
  const text = (i: number) => (i < 0 ? '' : definition.slice(tokens[i]!.start, tokens[i]!.end));
  const names = (i: number) => (tokens[i]!.kind === 'word' && text(i) === qualifier) || (tokens[i]!.kind === 'quoted' && text(i).startsWith('"') && unquoted(definition, tokens[i]!) === qualifier);
  let out = '';
  let at = 0;
  for (let i = 0; i + 2 < tokens.length; i++) {
    // <qualifier> . <name>, glued (the server writes no blank inside a qualified name)
    if (!names(i) || text(i + 1) !== '.' || !['word', 'quoted'].includes(tokens[i + 2]!.kind)) continue;
    const before = significant(i - 1, -1);
    if (text(before) === '.' || text(before) === '::' || (before === i - 1 && tokens[before]!.kind !== 'symbol')) continue;
    if (text(significant(i + 3, 1)) === '(') continue;
    out += definition.slice(at, tokens[i]!.start);
    at = tokens[i + 2]!.start;
  }
  return out + definition.slice(at);
}
