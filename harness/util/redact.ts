/**
 * Secrets never reach output. Every message, label and report that may carry a connection string
 * goes through `maskSecretsIn`, which masks a secret two ways:
 *
 * By VALUE: every connection string parity is given (url: sources, --url, PARITY_DATABASE_URL,
 * PROD_DATABASE_URL, the config's sources, each URL a connection is made with) is parsed
 * leniently once (`registerSecretsOf`), and each of its passwords, in every form output may carry
 * it in (as written, percent-decoded, percent-encoded the ways URLs and node-postgres encode it,
 * JSON-, XML- and Markdown-escaped), is masked wherever it appears, the longest first. A regex
 * over free text cannot know where a URL whose password holds a space, a quote or `@ / ? #` ends;
 * the value itself needs no such knowledge.
 *
 * By RULE, for secrets never registered, in the forms libpq and node-postgres take one in:
 * - URL userinfo, `postgres://user:secret@host`, also with a raw `@`, `:` or `/` in the secret
 *   (libpq splits at the first `@`, WHATWG URLs at the last: everything between is masked);
 * - URL query parameters `password=` / `sslpassword=`, whatever their case or percent-encoding;
 * - keyword/value strings `password=secret`, `password = 'quoted secret'`, and `PGPASSWORD=…`.
 * A passfile's path is not a secret and is kept; its contents are never read.
 */

const MASK = '***';
const SECRET_PARAMETERS = new Set(['password', 'sslpassword']);

/** A connection URL with its secrets masked; its passwords are registered first, so they are masked wherever else they appear too. */
export function maskUrl(url: string): string {
  registerSecretsOf(url);
  return maskSecretsIn(url);
}

/** `text` with every registered secret and every secret the rules find masked: THE masking function. */
export function maskSecretsIn(text: string): string {
  const known = knownSecretsPattern();
  return (known ? text.replace(known, MASK) : text)
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s'"`<>]*)/gi, (_all, scheme: string, rest: string) => scheme + maskUrlBody(rest, /^postgres(ql)?:/i.test(scheme)))
    .replace(/\b((?:pg)?(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&'"]+)/gi, (all, key: string, value: string) => (value.startsWith(MASK) ? all : `${key}${MASK}`));
}

// ---------------------------------------------------------------------------------------------
// Secrets known by value

/** Every form of every registered password: one set for the process (see secretsScope). */
const known = new Set<string>();
/** `known` as one pattern, the longest first (undefined: to build; null: nothing known). */
let pattern: RegExp | null | undefined = null;

/**
 * Registers the passwords of the connection string in `text` (a URL, `url:<URL>`, `--url=<URL>`,
 * a key=value conninfo; anything else holds none), in every form output may carry them in:
 * from then on `maskSecretsIn` masks them wherever they appear.
 */
export function registerSecretsOf(text: string | undefined): void {
  if (!text) return;
  const before = known.size;
  for (const password of connectionPasswords(text)) {
    // a form of letters, digits and -._~ only the rules above always find whole (between `:` and
    // `@`, after `password=`): masked by value, a `postgres` password (or `p%61ss`'s `pass`)
    // would mask every "postgres" (every "pass") of the output
    for (const form of formsOf(password)) if (form.length > 0 && form !== MASK && !/^[A-Za-z0-9._~-]+$/.test(form)) known.add(form);
  }
  if (known.size !== before) pattern = undefined;
}

/**
 * Marks the registered secrets as they are now; the function returned forgets whatever was
 * registered since: for an in-process caller that runs `main` many times (a test), where one
 * run's secrets must not mask the next one's output. (The CLI process keeps its secrets to the
 * end: bin/parity.js masks what escapes `main` with them.)
 */
export function secretsScope(): () => void {
  const saved = [...known];
  return () => {
    known.clear();
    for (const form of saved) known.add(form);
    pattern = known.size > 0 ? undefined : null;
  };
}

function knownSecretsPattern(): RegExp | null {
  if (pattern === undefined) {
    const alternatives = [...known].sort((x, y) => y.length - x.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
  }
  return pattern;
}

/**
 * The passwords in a connection string, parsed leniently, as written and as a driver reads them.
 * A URL (`scheme://` anywhere in `text`: after `url:` or `--url=` too) runs to the end of `text`;
 * its password is everything between `scheme://user:` and the LAST `@` that is followed by a
 * host part (`host[:port][,…]`, then `/database`, `?parameters` or the end), so a raw `@`, `:`,
 * `/`, `?`, `#`, space or quote inside it is part of it. An `@` inside a `?…=` parameter is not
 * the host's, unless no other is. Its `password=` / `sslpassword=` parameters count too. Without
 * a URL, `text` is read as key=value conninfo: `password=…` (quoted or not).
 */
export function connectionPasswords(text: string): string[] {
  const trimmed = text.trim();
  const scheme = /[a-z][a-z0-9+.-]*:\/\//i.exec(trimmed);
  const found = scheme ? urlPasswords(trimmed.slice(scheme.index)) : conninfoPasswords(trimmed);
  return [...new Set(found.filter((p) => p.length > 0))];
}

/** After the userinfo's `@`: a host part, then a database, parameters or a fragment (none with a raw `@`, but the parameters). */
const HOST_PART = /^[^\s@/?#'"`<>]*(?:\/[^@?#]*)?(?:\?.*|#[^@]*)?$/s;

/**
 * A URL split where the lenient parse splits it: `scheme://`, the userinfo (as written, up to
 * the `@` before the host part; undefined without one) and the rest (host, database, parameters).
 */
export function splitUrl(url: string): { scheme: string; userinfo: string | undefined; rest: string } | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
  if (scheme === undefined) return undefined;
  const body = url.slice(scheme.length);
  const ats = [...body.matchAll(/@/g)].map((m) => m.index).reverse();
  const valid = ats.filter((at) => HOST_PART.test(body.slice(at + 1)));
  const at = valid.find((i) => !/\?[\w%.-]+=/.test(body.slice(0, i))) ?? valid[0] ?? ats[0];
  return at === undefined ? { scheme, userinfo: undefined, rest: body } : { scheme, userinfo: body.slice(0, at), rest: body.slice(at + 1) };
}

function urlPasswords(url: string): string[] {
  const { userinfo, rest } = splitUrl(url)!;
  const found: string[] = [];
  const colon = userinfo?.indexOf(':') ?? -1;
  if (colon >= 0) found.push(...decodedToo(userinfo!.slice(colon + 1)));
  const query = rest.indexOf('?');
  if (query >= 0) {
    for (const pair of rest.slice(query + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq >= 0 && isSecretParameter(pair.slice(0, eq))) found.push(...decodedToo(pair.slice(eq + 1)), formDecoded(pair.slice(eq + 1)));
    }
  }
  found.push(...driverPasswords(url));
  return found;
}

/**
 * The passwords node-postgres reads from `url` (pg-connection-string: spaces encoded, then a
 * WHATWG URL): a part of the password above, or that password with tabs and newlines dropped.
 */
function driverPasswords(url: string): string[] {
  try {
    const encoded = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url;
    const parsed = new URL(encoded);
    const params = [...parsed.searchParams].filter(([name]) => SECRET_PARAMETERS.has(name.toLowerCase())).map(([, value]) => value);
    return [parsed.password, ...decodedToo(parsed.password), ...params];
  } catch {
    return [];
  }
}

/** `password=secret`, `password = 'quoted \' secret'`, `sslpassword=…` in key=value conninfo. */
function conninfoPasswords(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'?|\S+)/gi)) {
    const value = m[1]!;
    if (value.startsWith("'")) {
      const inner = value.slice(1, value.endsWith("'") && value.length > 1 ? -1 : undefined);
      found.push(inner, inner.replace(/\\(.)/g, '$1'));
    } else found.push(value);
  }
  return found;
}

function decodedToo(value: string): string[] {
  try {
    return [value, decodeURIComponent(value)];
  } catch {
    return [value];
  }
}

function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Every form output may carry `password` in: encoded the ways URLs encode it, then escaped as each report format escapes text. */
function formsOf(password: string): Set<string> {
  const plain = new Set(decodedToo(password));
  const bases = new Set<string>(plain);
  for (const p of plain) {
    bases.add(encodeURIComponent(p));
    bases.add(encodeURI(p));
    bases.add(encodeURI(p).replace(/%25(\d\d)/g, '%$1'));
    bases.add(new URLSearchParams({ p }).toString().slice(2));
    bases.add(userinfoEncoded(p));
  }
  const forms = new Set<string>();
  for (const b of bases) {
    forms.add(b);
    forms.add(JSON.stringify(b).slice(1, -1));
    const xmlText = b.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    forms.add(xmlText);
    forms.add(xmlText.replace(/"/g, '&quot;').replace(/\n/g, '&#10;'));
    forms.add(xmlText.replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
    forms.add(b.replace(/[|<>*_`[\]]/g, (c) => `\\${c}`));
  }
  return forms;
}

/** `password` as a WHATWG URL writes it into userinfo (what `new URL(…).toString()` prints). */
function userinfoEncoded(password: string): string {
  try {
    const url = new URL('postgres://host');
    url.password = password;
    return url.password;
  } catch {
    return password;
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets found by rule

/**
 * `user:secret@host/db?password=secret` (what follows `scheme://`) with the secrets masked. In a
 * connection URL a raw `/` inside the password must not hide the rest of it, so the userinfo runs
 * to the last `@` before the query; in other URLs (a registry's) it ends where the path starts.
 */
function maskUrlBody(body: string, connection: boolean): string {
  const query = body.indexOf('?');
  let [authorityAndPath, search] = query >= 0 ? [body.slice(0, query), body.slice(query + 1)] : [body, undefined];
  const slash = authorityAndPath.indexOf('/');
  const at = connection || slash < 0 ? authorityAndPath.lastIndexOf('@') : authorityAndPath.slice(0, slash).lastIndexOf('@');
  const colon = authorityAndPath.indexOf(':');
  if (at > 0 && colon >= 0 && colon < at) authorityAndPath = `${authorityAndPath.slice(0, colon + 1)}${MASK}${authorityAndPath.slice(at)}`;
  if (search === undefined) return authorityAndPath;
  const params = search.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq >= 0 && SECRET_PARAMETERS.has(decodedName(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${MASK}` : pair;
  });
  return `${authorityAndPath}?${params.join('&')}`;
}

/** The name of a query parameter as libpq reads it: percent-decoded, case-insensitive. */
export function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** Whether a URL query parameter name carries a secret (`password`, `pass%77ord`, `SSLPASSWORD`). */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETERS.has(decodedName(name));
}
