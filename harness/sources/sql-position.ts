import { lineAndColumn } from '../sql/position.js';

export { indexOfPosition, lineAndColumn, lineAndColumnAt } from '../sql/position.js';

/** pg's DatabaseError fields we report. */
export interface ServerErrorFields {
  message: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  detail?: string;
  hint?: string;
  code?: string;
}

/** `file:line:col: message (detail; hint; where)` from a server error raised by `sql`. */
export function describeServerError(file: string, sql: string, error: ServerErrorFields): string {
  let location = file;
  if (error.position) {
    const { line, column } = lineAndColumn(sql, Number(error.position));
    location = `${file}:${line}:${column}`;
  }
  return `${location}: ${serverMessage(error)}`;
}

/** `message [code] (detail; hint; where)` */
export function serverMessage(error: ServerErrorFields): string {
  const extras = [error.detail && `detail: ${error.detail}`, error.hint && `hint: ${error.hint}`, error.where && `where: ${error.where.replace(/\n/g, '; ')}`]
    .filter(Boolean)
    .join('; ');
  return `${error.message}${error.code ? ` [${error.code}]` : ''}${extras ? ` (${extras})` : ''}${missingExtension(error)}`;
}

/** An extension the server does not ship (vector, postgis, pg_cron …): say the ways out. */
function missingExtension(error: ServerErrorFields): string {
  const name = /^extension "(.+)" is not available$/.exec(error.message)?.[1] ?? /could not open extension control file ".*\/([^/]+)\.control"/.exec(error.message)?.[1];
  if (!name) return '';
  // nothing stands in for CREATE EXTENSION itself: a setup file cannot make it succeed
  return `. This server has no extension "${name}", and no setup file can stand in for CREATE EXTENSION: build on a server that has it (PARITY_SERVER=container with PARITY_CONTAINER_IMAGE=<an image with ${name}>, or PARITY_DATABASE_URL)`;
}
