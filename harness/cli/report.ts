import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Io } from './io.js';
import { pullRequestOfEvent, upsertPullRequestComment } from '../github/comment.js';

/**
 * `parity report --github <report.md>`: posts a Markdown report (`parity diff --format markdown`,
 * the nightly's drift-report.md) as the pull request's one schema-parity comment, or updates it.
 * In GitHub Actions it needs only GITHUB_TOKEN in the step's env (with pull-requests: write).
 */
export async function reportCommand(positionals: string[], options: { github?: boolean; pr?: string }, io: Pick<Io, 'stdout' | 'env' | 'cwd'> = { stdout: process.stdout, env: process.env, cwd: process.cwd() }): Promise<number> {
  const { env } = io;
  if (!options.github) throw new Error('say where the report goes: parity report --github <report.md> (the only target for now)');
  if (positionals.length !== 1) throw new Error(`expected one Markdown file, got ${positionals.length}: parity report --github <report.md> [--pr <number>]`);
  const file = resolve(io.cwd, positionals[0]!);
  const shown = relative(io.cwd, file) || file;
  if (!existsSync(file)) throw new Error(`${shown} does not exist: write it first, e.g. parity diff A B --format markdown > ${shown}`);
  const token = env.GITHUB_TOKEN;
  if (!token) throw new Error('GITHUB_TOKEN is not set: in a workflow, pass it to the step (env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}) with permissions pull-requests: write');
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error('GITHUB_REPOSITORY (owner/name) is not set: run in GitHub Actions, or set it');
  let pullRequest = options.pr !== undefined ? Number(options.pr) : undefined;
  if (pullRequest === undefined && env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) pullRequest = pullRequestOfEvent(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')));
  if (pullRequest === undefined || !Number.isInteger(pullRequest) || pullRequest <= 0) {
    throw new Error(`no pull request to comment on: ${options.pr !== undefined ? `--pr ${options.pr} is not a number` : 'this run is not for a pull request (GITHUB_EVENT_PATH); pass --pr <number>'}`);
  }
  const run = env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const fullReport = run ? `${shown} in the artifacts of ${run}` : shown;
  const api = env.GITHUB_API_URL ?? 'https://api.github.com';
  const result = await upsertPullRequestComment({ api, repository, pullRequest, token }, readFileSync(file, 'utf8'), fullReport);
  io.stdout.write(`${result.action} the schema-parity comment on ${repository}#${pullRequest}: ${result.url}\n`);
  return 0;
}
