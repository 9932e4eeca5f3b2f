import { describe, expect, it } from 'vitest';
import { lineAndColumnAt, positionsIn } from '../../harness/sql/position.js';

describe('positionsIn: lineAndColumnAt for indexes asked in order, the text read once', () => {
  const text = "SELECT '𝄞é';\n\n  CREATE TABLE \"𝄞\" (a int);\r\n\uD834x \uDD1E;\nlast line 😀😀";

  it('gives what lineAndColumnAt gives at every index (pairs, halves of pairs, lone surrogates, blank lines, past the end)', () => {
    const at = positionsIn(text);
    for (let i = -1; i <= text.length + 1; i++) expect([i, at(i)]).toEqual([i, lineAndColumnAt(text, i)]);
  });

  it('skipping ahead, asking twice, and going back give the same', () => {
    const at = positionsIn(text);
    for (const i of [5, 5, 30, 12, 0, text.length - 1, 40, 41]) expect([i, at(i)]).toEqual([i, lineAndColumnAt(text, i)]);
  });
});
