import { dirname, join, resolve } from 'node:path';
import { accessSync, constants, statSync, type Stats } from 'node:fs';

/**
 * Checks, before anything is built or dumped, that `-o <file>` can be a file: not a folder, not
 * under a file, and in (or under) a folder we may write.
 */
export function checkOutputFile(option: string, path: string, example: string): void {
  const target = resolve(path);
  const stat = statOf(target);
  if (stat?.isDirectory()) {
    throw new Error(`${option} ${path} is a folder: name the file to write, e.g. ${option} ${join(path, example)}`);
  }
  // a pipe or a device (-o /dev/stdout) is written into as it is (see writeFileAtomic)
  if (stat && !stat.isFile()) return writable(option, path, target);
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const stat = statOf(dir);
    if (stat && !stat.isDirectory()) throw new Error(`${option} ${path}: ${relativeShown(path, target, dir)} is a file, not a folder: choose another path`);
    if (stat) return writable(option, path, dir);
    if (dirname(dir) === dir) return;
  }
}

/** The folder the file would be created in (or under), or the pipe or device written into, must let us write. */
function writable(option: string, path: string, where: string): void {
  try {
    accessSync(where, constants.W_OK);
  } catch (error) {
    throw new Error(`${option} ${path}: cannot write in ${where} (${(error as NodeJS.ErrnoException).code}): choose a folder you can write`);
  }
}

/** Checks that `--out <dir>` is, or can become, a folder. */
export function checkOutputFolder(option: string, path: string, what: string): void {
  const stat = statOf(resolve(path));
  if (stat && !stat.isDirectory()) throw new Error(`${option} ${path} is a file: ${option} names the folder for ${what}`);
  if (!stat) checkOutputFile(option, join(path, 'x'), 'x');
}

/** `dir` as the user wrote it: the part of `path` that names it. */
function relativeShown(path: string, target: string, dir: string): string {
  const up = target.slice(dir.length).split(/[\\/]/).filter(Boolean).length;
  const parts = path.split(/[\\/]/);
  return parts.length > up ? parts.slice(0, parts.length - up).join('/') : dir;
}

/** The path's stat, or undefined when there is nothing there (or a file stands where a folder would). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
