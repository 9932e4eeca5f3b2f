import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAccepted, toAccepted } from '../../harness/accept/apply.js';
import { AcceptedFileError, readAcceptedFile, REASON_TO_FILL_IN, writeAcceptedFile } from '../../harness/accept/file.js';
import { acceptedLines } from '../../harness/accept/report.js';
import type { Comparison, Difference } from '../../harness/compare/types.js';
import { folderWith } from '../support/folders.js';

const pair = ['legacy', 'baseline'] as const;
const d = (path: string, a: unknown, b: unknown): Difference => ({ kind: 'changed', object: 'column', path, property: 'default', a, b, severity: 'drift' });
const of = (...differences: Difference[]): Comparison => ({ differences, warnings: [], notCompared: [] });

describe('accepted drift: the list can only shrink', () => {
  const x = d('public.t.x', '0', '1');
  const y = d('public.t.y', 'now()', null);

  it('an accepted difference no longer fails; one nobody accepted still does', () => {
    const out = applyAccepted(of(x, y), pair, [toAccepted(x, pair, 'legacy default kept on purpose', null)], '2026-11-26');
    expect(out.comparison.differences).toEqual([y]);
    expect(out.accepted.map((a) => a.difference)).toEqual([x]);
    expect(out.problems).toEqual([]);
  });

  it('only for its own pair', () => {
    const out = applyAccepted(of(x), ['legacy', 'production'], [toAccepted(x, pair, 'r', null)], '2026-11-26');
    expect([out.comparison.differences, out.accepted, out.problems]).toEqual([[x], [], []]);
  });

  it('an accepted difference that no longer occurs is a problem: "remove it from the file"', () => {
    const entry = toAccepted(x, pair, 'r', null);
    const out = applyAccepted(of(), pair, [entry], '2026-11-26');
    expect(out.problems).toEqual([{ entry, problem: 'gone' }]);
    expect(acceptedLines(out, 'parity.accepted.json')).toEqual(['✗ accepted column public.t.x default (changed) no longer occurs: remove it from parity.accepted.json']);
  });

  it('values that changed since it was accepted fail again', () => {
    const entry = toAccepted(x, pair, 'r', null);
    const now = d('public.t.x', '0', '2');
    const out = applyAccepted(of(now), pair, [entry], '2026-11-26');
    expect(out.comparison.differences).toEqual([now]);
    expect(out.problems).toEqual([{ entry, problem: 'changed', now }]);
  });

  it('from its expiry date on, it fails again', () => {
    const entry = toAccepted(x, pair, 'r', '2026-11-26');
    expect(applyAccepted(of(x), pair, [entry], '2026-11-25').problems).toEqual([]);
    const out = applyAccepted(of(x), pair, [entry], '2026-11-26');
    expect(out.problems).toEqual([{ entry, problem: 'expired' }]);
    expect(out.comparison.differences).toEqual([x]);
  });

  it('the report shows accepted ones apart, and asks for a reason where there is none', () => {
    const out = applyAccepted(of(x), pair, [toAccepted(x, pair, REASON_TO_FILL_IN, '2027-01-01')], '2026-11-26');
    expect(acceptedLines(out, 'parity.accepted.json')).toEqual([
      'accepted in parity.accepted.json (1; not failing the check):',
      `  = column public.t.x default (changed), until 2027-01-01: ${REASON_TO_FILL_IN}`,
      'warning: 1 accepted difference has no reason yet: fill in "reason" in parity.accepted.json',
    ]);
  });
});

describe('the accepted file', () => {
  it('round-trips, in a stable order', () => {
    const file = join(folderWith({}), 'parity.accepted.json');
    const entries = [toAccepted(d('public.t.y', 'a', 'b'), pair, 'r', null), toAccepted(d('public.t.x', '0', '1'), pair, 'r', '2027-01-01')];
    writeAcceptedFile(file, entries);
    expect(readAcceptedFile(file)).toEqual([entries[1], entries[0]]);
  });

  it('a hand-broken file names the entry and what is wrong', () => {
    const file = join(folderWith({}), 'parity.accepted.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, accepted: [{ ...toAccepted(d('p', 1, 2), pair, 'r', null), expires: 'next week' }] }));
    expect(() => readAcceptedFile(file, 'parity.accepted.json')).toThrow(AcceptedFileError);
    expect(() => readAcceptedFile(file, 'parity.accepted.json')).toThrow(/^parity\.accepted\.json: accepted\[0\]\.expires: a date YYYY-MM-DD/);
    writeFileSync(file, '{ not json');
    expect(() => readAcceptedFile(file, 'parity.accepted.json')).toThrow(/^parity\.accepted\.json: not valid JSON/);
  });

  it('no file: nothing accepted', () => {
    expect(readAcceptedFile(join(folderWith({}), 'none.json'))).toEqual([]);
  });
});
