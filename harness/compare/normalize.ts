/**
 * Source text without comments and with runs of whitespace collapsed, leaving string literals,
 * quoted identifiers and dollar-quoted strings untouched: "differs only in whitespace and
 * comments" is decided on this.
 */
export function withoutWhitespaceAndComments(source: string): string {
  let out = '';
  let i = 0;
  let pendingSpace = false;
  const emit = (text: string) => {
    if (pendingSpace && out.length > 0) out += ' ';
    pendingSpace = false;
    out += text;
  };
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '-' && next === '-') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      pendingSpace = true;
    } else if (c === '/' && next === '*') {
      // block comments nest in PostgreSQL
      let depth = 0;
      do {
        if (source.startsWith('/*', i)) (depth++, (i += 2));
        else if (source.startsWith('*/', i)) (depth--, (i += 2));
        else i++;
      } while (depth > 0 && i < source.length);
      pendingSpace = true;
    } else if (/\s/.test(c)) {
      i++;
      pendingSpace = true;
    } else if (c === "'" || c === '"') {
      let end = i + 1;
      while (end < source.length) {
        if (source[end] === c && source[end + 1] === c) end += 2;
        else if (source[end] === c) break;
        else end++;
      }
      emit(source.slice(i, end + 1));
      i = end + 1;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(source.slice(i))?.[0];
      if (tag) {
        const end = source.indexOf(tag, i + tag.length);
        const stop = end < 0 ? source.length : end + tag.length;
        emit(source.slice(i, stop));
        i = stop;
      } else {
        emit(c);
        i++;
      }
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}

/** `CREATE [UNIQUE] INDEX <name> ON …` / `CREATE [CONSTRAINT] TRIGGER <name> …` with the name cut out. */
export function withoutObjectName(definition: string): string {
  const head = /^CREATE (?:UNIQUE )?INDEX |^CREATE (?:CONSTRAINT )?TRIGGER /.exec(definition)?.[0];
  if (!head) return definition;
  let i = head.length;
  if (definition[i] === '"') {
    i++;
    while (i < definition.length && !(definition[i] === '"' && definition[i + 1] !== '"')) i += definition[i] === '"' ? 2 : 1;
    i++;
  } else {
    while (i < definition.length && definition[i] !== ' ') i++;
  }
  return `${head}<name>${definition.slice(i)}`;
}
