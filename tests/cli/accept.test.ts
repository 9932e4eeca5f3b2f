import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

// the snapshot cache on, as for users: each test's folder is new, so only an unchanged source is read from it
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

function project() {
  return folderWith({
    'a/001_init.sql': 'CREATE TABLE t (id int PRIMARY KEY, x int DEFAULT 0, y text);\n',
    'b/001_init.sql': 'CREATE TABLE t (id int PRIMARY KEY, x int DEFAULT 1);\n',
  });
}

describe('parity accept: accepted drift that can only shrink', () => {
  it('accept, then diff passes; a difference that goes away, changes or expires fails again', async () => {
    const dir = project();
    const diff = () => runMain(['diff', 'legacy:a', 'legacy:b'], { cwd: dir, env: onTestServer() });
    expect((await diff()).code).toBe(1);

    const accept = await runMain(['accept', 'legacy:a', 'legacy:b'], { cwd: dir, env: onTestServer() });
    expect([accept.code, accept.stdout]).toEqual([0, '2 differences of legacy:a vs legacy:b accepted in parity.accepted.json (2 new, 0 unchanged, 0 removed): fill in each "reason", review and commit the file\n']);
    const file = join(dir, 'parity.accepted.json');
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.accepted.map((e: { object: string; path: string; property?: string }) => `${e.object} ${e.path} ${e.property ?? ''}`.trim())).toEqual(['column public.t.x default', 'column public.t.y']);

    const passing = await diff();
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.stdout).toContain('accepted in parity.accepted.json (2; not failing the check):');
    expect(passing.stdout).toContain('warning: 2 accepted differences have no reason yet');

    // the extra column goes away in b: the accepted entry must be removed
    writeFileSync(join(dir, 'b/001_init.sql'), 'CREATE TABLE t (id int PRIMARY KEY, x int DEFAULT 1, y text);\n');
    const gone = await diff();
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain('✗ accepted column public.t.y (missing) no longer occurs: remove it from parity.accepted.json');

    // accepting again shrinks the list; a value that changes since fails again
    expect((await runMain(['accept', 'legacy:a', 'legacy:b', '--reason', 'b keeps 1 until the backfill'], { cwd: dir, env: onTestServer() })).code).toBe(0);
    expect((await diff()).code).toBe(0);
    writeFileSync(join(dir, 'b/001_init.sql'), 'CREATE TABLE t (id int PRIMARY KEY, x int DEFAULT 2, y text);\n');
    const changed = await diff();
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('✗ accepted column public.t.x default (changed) has changed since it was accepted (now "0" → "2")');

    // an expired acceptance fails
    writeFileSync(join(dir, 'b/001_init.sql'), 'CREATE TABLE t (id int PRIMARY KEY, x int DEFAULT 1, y text);\n');
    const entries = JSON.parse(readFileSync(file, 'utf8'));
    entries.accepted[0].expires = '2020-01-01';
    writeFileSync(file, JSON.stringify(entries));
    const expired = await diff();
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('expired on 2020-01-01');
  });

  it('a hand-broken accepted file is an error naming the entry', async () => {
    const dir = project();
    writeFileSync(join(dir, 'parity.accepted.json'), JSON.stringify({ formatVersion: 1, accepted: [{ pair: ['legacy:a', 'legacy:b'], kind: 'changed', object: 'column', path: 'p', a: 1, b: 2, reason: 'x', expires: 'soon' }] }));
    const run = await runMain(['diff', 'legacy:a', 'legacy:b'], { cwd: dir, env: onTestServer() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/parity\.accepted\.json: accepted\[0\]\.expires: a date YYYY-MM-DD/);
    rmSync(join(dir, 'parity.accepted.json'));
  });

  it('--format junit on diff and check', async () => {
    const dir = project();
    const run = await runMain(['diff', 'legacy:a', 'legacy:b', '--format', 'junit'], { cwd: dir, env: onTestServer() });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="schema-parity" tests="\d+" failures="1" errors="0">\n  <testsuite name="legacy:a vs legacy:b"/);
    expect(run.stdout).toContain('<testcase classname="legacy:a vs legacy:b" name="column">\n      <failure type="drift" message="2 column differences">');
    writeFileSync(join(dir, 'parity.config.ts'), "export default { sources: { a: 'legacy:a', b: 'legacy:b' }, snapshots: [], equal: [['a', 'b']] };\n");
    const check = await runMain(['check', '--format', 'junit'], { cwd: dir, env: onTestServer() });
    expect(check.code).toBe(1);
    expect(check.stdout.startsWith('<?xml')).toBe(true);
    expect(check.stdout).toContain('<testsuite name="a vs b"');
    expect(check.stdout).not.toContain('verdict:');
  });
});

describe('parity report --github', () => {
  it('posts the report as the pull request comment through the API, then updates it', async () => {
    const comments: Array<{ id: number; body: string }> = [];
    const seen: string[] = [];
    const api = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
        if (req.method === 'GET') return res.end(JSON.stringify(comments));
        const body = JSON.parse(data).body as string;
        if (req.method === 'POST') comments.push({ id: 1, body });
        else comments[0]!.body = body;
        res.end(JSON.stringify({ id: 1, html_url: 'https://github.example/acme/app/pull/3#issuecomment-1' }));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => api.close(() => resolve())));
    const dir = folderWith({ 'report.md': '### a vs b\n\n❌ Drift\n', 'event.json': JSON.stringify({ pull_request: { number: 3 } }) });
    const env = { GITHUB_TOKEN: 'ghs_token', GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}` };
    const first = await runMain(['report', '--github', 'report.md'], { cwd: dir, env });
    expect([first.code, first.stdout]).toEqual([0, 'created the schema-parity comment on acme/app#3: https://github.example/acme/app/pull/3#issuecomment-1\n']);
    const second = await runMain(['report', '--github', 'report.md'], { cwd: dir, env });
    expect(second.stdout).toMatch(/^updated the schema-parity comment/);
    expect(comments).toHaveLength(1);
    expect(seen).toEqual([
      'GET /repos/acme/app/issues/3/comments?per_page=100&page=1 Bearer ghs_token',
      'POST /repos/acme/app/issues/3/comments Bearer ghs_token',
      'GET /repos/acme/app/issues/3/comments?per_page=100&page=1 Bearer ghs_token',
      'PATCH /repos/acme/app/issues/comments/1 Bearer ghs_token',
    ]);
    const noToken = await runMain(['report', '--github', 'report.md'], { cwd: dir, env: { ...env, GITHUB_TOKEN: '' } });
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('GITHUB_TOKEN is not set')]);
  });
});
