import { COMMENT_LIMIT, fitMarkdown } from './summary.js';
import { ParityError, type ErrorFields } from '../errors.js';

/** The hidden marker that finds our comment again, so a pull request gets one comment, updated. */
export const COMMENT_MARKER = '<!-- schema-parity report -->';

export interface PullRequestTarget {
  /** `https://api.github.com` or GitHub Enterprise's (GITHUB_API_URL in Actions). */
  api: string;
  /** `owner/name` (GITHUB_REPOSITORY). */
  repository: string;
  pullRequest: number;
  token: string;
}

/** A GitHub API call that failed; the message names the call and the status, never the token. */
export class GitHubApiError extends ParityError {
  override name = 'GitHubApiError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('github', message, options);
  }
}

/**
 * Posts `markdown` as the pull request's schema-parity comment, or updates the one posted
 * before (found by COMMENT_MARKER among the comments, page by page). The body is cut to fit
 * GitHub's limit with a pointer to `fullReport`. Returns what it did and the comment's URL.
 */
export async function upsertPullRequestComment(target: PullRequestTarget, markdown: string, fullReport: string): Promise<{ action: 'created' | 'updated'; url: string }> {
  const body = fitMarkdown(`${COMMENT_MARKER}\n${markdown}`, COMMENT_LIMIT, fullReport, 'chars');
  const base = `${target.api.replace(/\/$/, '')}/repos/${target.repository}/issues`;
  let existing: { id: number } | undefined;
  for (let page = 1; page <= 50 && !existing; page++) {
    const comments = (await call(target, 'GET', `${base}/${target.pullRequest}/comments?per_page=100&page=${page}`)) as Array<{ id: number; body?: string }>;
    existing = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
    if (comments.length < 100) break;
  }
  if (existing) {
    const updated = (await call(target, 'PATCH', `${base}/comments/${existing.id}`, { body })) as { html_url: string };
    return { action: 'updated', url: updated.html_url };
  }
  const created = (await call(target, 'POST', `${base}/${target.pullRequest}/comments`, { body })) as { html_url: string };
  return { action: 'created', url: created.html_url };
}

async function call(target: PullRequestTarget, method: string, url: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'schema-parity',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new GitHubApiError(`GitHub API ${method} ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    const hint = response.status === 401 || response.status === 403 ? ' (the token needs the pull-requests: write or issues: write permission)' : '';
    throw new GitHubApiError(`GitHub API ${method} ${url}: ${response.status} ${response.statusText}${hint}${detail ? `: ${detail.slice(0, 200)}` : ''}`);
  }
  return response.json();
}

/** The pull request an Actions run is about: from its event payload (GITHUB_EVENT_PATH). */
export function pullRequestOfEvent(event: unknown): number | undefined {
  const e = event as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown } } | null;
  const n = e?.pull_request?.number ?? (e?.issue?.pull_request ? e.issue.number : undefined);
  return typeof n === 'number' ? n : undefined;
}
