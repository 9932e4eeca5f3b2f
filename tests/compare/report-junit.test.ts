import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { junitReport } from '../../harness/compare/report-junit.js';
import { OBJECT_KINDS } from '../../harness/compare/types.js';
import { snapshotOf } from '../support/catalog.js';

/** The XML as a CI's JUnit reader sees it (python's ElementTree: a real, strict parser). */
function parsed(xml: string): unknown {
  const script = `import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
print(json.dumps({"tests": root.get("tests"), "failures": root.get("failures"), "suites": [
  {"name": s.get("name"), "tests": s.get("tests"), "failures": s.get("failures"), "cases": [
    {"name": c.get("name"), "failure": (c.find("failure").text if c.find("failure") is not None else None),
     "out": (c.find("system-out").text if c.find("system-out") is not None else None)} for c in s.findall("testcase")
    if c.find("failure") is not None or c.find("system-out") is not None]} for s in root.findall("testsuite")]}))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' }));
}

describe('--format junit', () => {
  it('one suite per pair, one case per object kind, failures with the difference text, cosmetic apart', async () => {
    const a = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, note text, "<x>" text); COMMENT ON TABLE t IS \'a & b\'');
    const b = await snapshotOf('CREATE TABLE t (id bigint PRIMARY KEY, note text); COMMENT ON TABLE t IS \'a <b>\'');
    const xml = junitReport([{ labels: { a: 'legacy', b: 'baseline "new"' }, comparison: compare(a, b) }], OBJECT_KINDS);
    expect(parsed(xml)).toEqual({
      tests: String(OBJECT_KINDS.length),
      failures: '1',
      suites: [
        {
          name: 'legacy vs baseline "new"',
          tests: String(OBJECT_KINDS.length),
          failures: '1',
          cases: [
            { name: 'table', failure: null, out: '~ public.t comment: a & b → a <b> (a comment)' },
            { name: 'column', failure: '- public.t."<x>": <x> text\n~ public.t.id type: integer → bigint', out: null },
          ],
        },
      ],
    });
  });

  it('--strict fails cosmetic differences too; an equal pair is all passed cases', async () => {
    const a = await snapshotOf("CREATE TABLE t (id int); COMMENT ON TABLE t IS 'x'");
    const b = await snapshotOf("CREATE TABLE t (id int); COMMENT ON TABLE t IS 'y'");
    const strict = parsed(junitReport([{ labels: { a: 'a', b: 'b' }, comparison: compare(a, b) }, { labels: { a: 'a', b: 'a' }, comparison: compare(a, a) }], OBJECT_KINDS, { strict: true })) as { failures: string; suites: Array<{ failures: string; cases: unknown[] }> };
    expect(strict.failures).toBe('1');
    expect(strict.suites.map((s) => [s.failures, s.cases.length])).toEqual([['1', 1], ['0', 0]]);
  });
});
