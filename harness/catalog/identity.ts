/**
 * Identity keys and paths, unambiguous whatever the names hold: a name is written bare only
 * when it is a plain lower-case identifier, otherwise double-quoted with `"` doubled — as
 * quote_ident writes it (keywords aside: a keyword holds no `.`, `"` or `#`, so it stays
 * unambiguous bare). `x."y.z"` and `"x.y".z` are then two keys, never one.
 */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted when needed. */
export function qualifiedName(o: { schema: string; name: string }): string {
  return `${ident(o.schema)}.${ident(o.name)}`;
}

/**
 * The index of the first `ch` outside double quotes in `path`, or -1 (`#` and `.` separate the
 * parts of a path; inside a quoted name they are part of the name).
 */
export function indexOutsideQuotes(path: string, ch: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < path.length; i++) {
    const c = path[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) return i;
  }
  return -1;
}

/** The parts of `a.b."c.d"` split at the dots outside quotes (still quoted). */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let dot = indexOutsideQuotes(path, '.'); dot >= 0; dot = indexOutsideQuotes(path, '.', start)) {
    parts.push(path.slice(start, dot));
    start = dot + 1;
  }
  parts.push(path.slice(start));
  return parts;
}
