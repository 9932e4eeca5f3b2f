import { readFileSync } from 'node:fs';
import { MigrationFolderError } from './migration-files.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A migration file's text: UTF-8 like the server's encoding (psql refuses anything else too), with
 * a leading byte-order mark dropped (editors on Windows write one; it is not SQL). `shown` names
 * the file in the error.
 */
export function readMigrationText(path: string, shown = path): string {
  const read = utf8TextOf(readFileSync(path));
  if (typeof read === 'string') return read;
  throw new MigrationFolderError(
    `${shown}:${read.line}: not valid UTF-8 (byte 0x${read.byte}): migrations are read as UTF-8, the server's encoding. Convert the file (e.g. iconv -f latin1 -t utf-8 ${shown}) and keep it that way.`,
  );
}

/** `bytes` as UTF-8 text, a leading byte-order mark dropped; or where they are not UTF-8 (the line, and the byte in hex). */
export function utf8TextOf(bytes: Uint8Array): string | { line: number; byte: string } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    const at = firstInvalidByte(body);
    return { line: body.subarray(0, at).filter((b) => b === 0x0a).length + 1, byte: body[at]!.toString(16).padStart(2, '0') };
  }
}

/** Index of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    try {
      utf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
