import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8Bytes, writeFileAtomic } from '../../harness/util/write-atomic.js';
import { folderWith } from '../support/folders.js';

describe('writeFileAtomic', () => {
  // ASCII text takes a copy-only path (see utf8Bytes): every other character must still be UTF-8
  const texts = {
    ascii: '{\n  "a": "b~\\u0000"\n}\n',
    latin1: 'caf\u00e9 \u00ff',
    bmp: 'a \u20ac \u4e2d',
    astral: 'x \u{1f600} y',
    'lone surrogate': 'a\ud800b',
    'one non-ASCII at the end': `${'a'.repeat(100_000)}\u00e9`,
  };

  for (const [name, text] of Object.entries(texts)) {
    it(`writes ${name} text as UTF-8, byte for byte what Buffer.from gives`, () => {
      const file = join(folderWith({}), 'out.json');
      writeFileAtomic(file, text);
      expect(readFileSync(file)).toEqual(Buffer.from(text, 'utf8'));
      expect(utf8Bytes(text)).toEqual(Buffer.from(text, 'utf8'));
    });
  }

  it('replaces a file whole, and leaves no temp file beside it', () => {
    const dir = folderWith({ 'out.json': 'old' });
    const file = join(dir, 'out.json');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});

describe('writeFileAtomic: a write that fails', () => {
  it('names the file (a failed write() alone names none), and keeps its code', () => {
    // a device that is always full
    const error = (() => {
      try {
        writeFileAtomic('/dev/full', 'x');
      } catch (e) {
        return e as NodeJS.ErrnoException;
      }
    })();
    expect(error?.message).toMatch(/^cannot write \/dev\/full \(ENOSPC\): ENOSPC/);
    expect(error?.code).toBe('ENOSPC');
  });
});
