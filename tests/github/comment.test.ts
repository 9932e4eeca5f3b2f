import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { COMMENT_MARKER, GitHubApiError, pullRequestOfEvent, upsertPullRequestComment } from '../../harness/github/comment.js';
import { COMMENT_LIMIT, fitMarkdown, STEP_SUMMARY_LIMIT } from '../../harness/github/summary.js';

interface Comment {
  id: number;
  body: string;
  html_url: string;
}

/** A local HTTP server standing in for GitHub's issue-comments API: real requests, real JSON. */
async function fakeGitHub(initial: Comment[] = [], options: { status?: number } = {}) {
  const comments = [...initial];
  const requests: Array<{ method: string; url: string; auth: string | undefined; body: unknown }> = [];
  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
  const server = createServer(async (req, res) => {
    const text = await read(req);
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (options.status) return reply(options.status, { message: 'Resource not accessible by integration' });
    const list = /^\/repos\/acme\/app\/issues\/(\d+)\/comments\?per_page=100&page=(\d+)$/.exec(req.url!);
    if (req.method === 'GET' && list) return reply(200, comments.slice((Number(list[2]) - 1) * 100, Number(list[2]) * 100));
    if (req.method === 'POST' && /^\/repos\/acme\/app\/issues\/7\/comments$/.test(req.url!)) {
      const comment = { id: 1000 + comments.length, body: body.body, html_url: `https://github.example/acme/app/pull/7#c${comments.length}` };
      comments.push(comment);
      return reply(201, comment);
    }
    const patch = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(req.url!);
    if (req.method === 'PATCH' && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]))!;
      comment.body = body.body;
      return reply(200, comment);
    }
    reply(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { api, comments, requests, target: { api, repository: 'acme/app', pullRequest: 7, token: 'ghs_SecretToken' } };
}

describe('parity report --github: one pull-request comment, updated in place', () => {
  it('creates the comment the first time, then updates that one (found by its marker among others)', async () => {
    const others = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, body: `a review comment ${i}`, html_url: `u${i}` }));
    const gh = await fakeGitHub(others);
    expect(await upsertPullRequestComment(gh.target, '### legacy vs baseline\n\n✅ Equal', 'the artifact')).toEqual({ action: 'created', url: 'https://github.example/acme/app/pull/7#c120' });
    expect(await upsertPullRequestComment(gh.target, '### legacy vs baseline\n\n❌ Drift', 'the artifact')).toEqual({ action: 'updated', url: 'https://github.example/acme/app/pull/7#c120' });
    expect(gh.comments).toHaveLength(121);
    expect(gh.comments.at(-1)!.body).toBe(`${COMMENT_MARKER}\n### legacy vs baseline\n\n❌ Drift`);
    expect(gh.requests.every((r) => r.auth === 'Bearer ghs_SecretToken')).toBe(true);
    // the second run paged past the 100 comments of page 1 to find its own
    expect(gh.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=1',
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=2',
      'POST /repos/acme/app/issues/7/comments',
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=1',
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=2',
      'PATCH /repos/acme/app/issues/comments/1120',
    ]);
  });

  it('a report over GitHub\'s limit is cut at a line, fences closed, with a pointer to the full report', async () => {
    const gh = await fakeGitHub();
    const long = ['### big', '', '```diff', ...Array.from({ length: 5000 }, (_, i) => `- public.t${i}: a line of a long report`), '```'].join('\n');
    await upsertPullRequestComment(gh.target, long, 'the drift-report artifact');
    const body = gh.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/- public\.t\d+: a line of a long report\n```\n\n… the report is cut here .*The full report: the drift-report artifact\n$/s);
  });

  it('a refused call names the call and the status, and never the token', async () => {
    const gh = await fakeGitHub([], { status: 403 });
    const error = await upsertPullRequestComment(gh.target, 'x', 'y').catch((e: Error) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/GET .*\/issues\/7\/comments.*: 403 .*pull-requests: write/);
    expect((error as Error).message).not.toContain('SecretToken');
  });

  it('reads the pull request number from the Actions event payload', () => {
    expect(pullRequestOfEvent({ pull_request: { number: 42 } })).toBe(42);
    expect(pullRequestOfEvent({ issue: { number: 9, pull_request: {} } })).toBe(9);
    expect(pullRequestOfEvent({ push: {} })).toBeUndefined();
  });
});

describe('the step summary stays under GitHub\'s 1 MiB', () => {
  it('cuts in bytes of UTF-8, closes an open <details>, and says where the full report is', () => {
    const huge = `<details><summary>x</summary>\n\n${'~ ünïcødé line of a report\n'.repeat(60_000)}`;
    const fitted = fitMarkdown(huge, STEP_SUMMARY_LIMIT, 'nightly-out/drift-report.md');
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(fitted).toMatch(/ünïcødé line of a report\n<\/details>\n\n… the report is cut here \(it is \d+ KiB; the limit is 1024 KiB\)\. The full report: nightly-out\/drift-report\.md\n$/);
    expect(fitMarkdown('small', STEP_SUMMARY_LIMIT, 'x')).toBe('small');
  });
});
