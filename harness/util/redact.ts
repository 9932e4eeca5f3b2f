/**
 * Secrets never reach output. Every message, label and report that may carry a connection string
 * goes through `maskSecretsIn`, which knows every form libpq and node-postgres take a secret in:
 * - URL userinfo, `postgres://user:secret@host`, also with a raw `@`, `:` or `/` in the secret
 *   (libpq splits at the first `@`, WHATWG URLs at the last: everything between is masked);
 * - URL query parameters `password=` / `sslpassword=`, whatever their case or percent-encoding;
 * - keyword/value strings `password=secret`, `password = 'quoted secret'`, and `PGPASSWORD=…`.
 * A passfile's path is not a secret and is kept; its contents are never read.
 */

const MASK = '***';
const SECRET_PARAMETERS = new Set(['password', 'sslpassword']);

/** A connection URL with its secrets masked (any text works: see maskSecretsIn). */
export function maskUrl(url: string): string {
  return maskSecretsIn(url);
}

export function maskSecretsIn(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s'"`<>]*)/gi, (_all, scheme: string, rest: string) => scheme + maskUrlBody(rest, /^postgres(ql)?:/i.test(scheme))).replace(
    /\b((?:pg)?(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&'"]+)/gi,
    (all, key: string, value: string) => (value.startsWith(MASK) ? all : `${key}${MASK}`),
  );
}

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
