import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule, usesCommonJs } from '../util/esbuild-bundle.js';
import type pg from 'pg';
import { SourceBuildError, type BuildableSource } from './source.js';
import { describeServerError, type ServerErrorFields } from './sql-position.js';

/**
 * The SQL drizzle-kit would generate for a schema file against an empty database, through its
 * programmatic API (generateDrizzleJson + generateMigration), foreign keys last: drizzle-kit can
 * emit a foreign key before the unique index it references.
 */
export async function sqlOfSchemaFile(file: string): Promise<string[]> {
  if (!existsSync(file)) throw new SourceBuildError(`${file} does not exist`);
  const statements = await generateInChild(file);
  const isForeignKey = (sql: string) => /^ALTER TABLE .* ADD CONSTRAINT .* FOREIGN KEY/s.test(sql.trim());
  return [...statements.filter((s) => !isForeignKey(s)), ...statements.filter(isForeignKey)];
}

type ChildMessage = { kind: 'sql'; statements: string[] } | { kind: 'error'; stage: 'import' | 'generate'; message: string } | { kind: 'exit'; code: number | string };

/**
 * The user's module is imported in a child process (schema-file-child.mjs), not in this one:
 * nothing it does on import can decide parity's exit code (a `process.exit(0)` there once became
 * "equal", and no trap inside this process can stop a `process.kill(process.pid)` or a timer
 * that exits later), and whatever it prints (dotenv's banner) goes to our stderr, never into a
 * report on stdout. The SQL comes back over IPC. It costs one Node start (~50 ms) per schema file.
 */
async function generateInChild(file: string): Promise<string[]> {
  const compiled = await compiledCopyOf(file);
  try {
    return await generate(file, compiled);
  } finally {
    if (compiled) rmSync(compiled, { force: true });
  }
}

let copies = 0;

/**
 * The schema file and the local files it imports as one ES module, for the child to import
 * without tsx's loader (half the child's CPU). Written under the nearest node_modules/.cache
 * above the file, so that its packages resolve from there as they do from the file; removed once
 * the child ends. Undefined where that copy would not run as the file does (CommonJS,
 * `import.meta`), or cannot be made: the child then imports the file through tsx.
 */
export async function compiledCopyOf(file: string): Promise<string | undefined> {
  const modules = nearestNodeModules(dirname(file));
  if (!modules) return undefined;
  const bundle = await bundleModule(file, { banner: 'globalThis[Symbol.for("schema-parity.schema-module-evaluated")] = true;' });
  if (!bundle || usesCommonJs(bundle.text) || /\bimport\.meta\b/.test(bundle.text)) return undefined;
  try {
    const dir = join(modules, '.cache', 'schema-parity', 'schema');
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, `${basename(file).replace(/\.[^.]*$/, '')}.${process.pid}.${++copies}.mjs`);
    writeFileSync(copy, bundle.text);
    return copy;
  } catch {
    return undefined;
  }
}

function nearestNodeModules(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) return join(at, 'node_modules');
    if (dirname(at) === at) return undefined;
  }
}

function generate(file: string, compiled: string | undefined): Promise<string[]> {
  const script = fileURLToPath(new URL('./schema-file-child.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, ...(compiled ? [compiled] : [])], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let printed = '';
    const relay = (chunk: Buffer) => {
      process.stderr.write(chunk);
      printed = (printed + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout!.on('data', relay);
    child.stderr!.on('data', relay);
    let result: ChildMessage | undefined;
    let exitCall: ChildMessage | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'exit') exitCall = message;
      else result ??= message;
    });
    child.once('error', (error) => reject(new SourceBuildError(`${file}: cannot start a process to import it: ${error.message}`, { cause: error })));
    child.once('close', (code, signal) => {
      if (result?.kind === 'sql') return resolve(result.statements);
      if (result?.kind === 'error') {
        return reject(new SourceBuildError(result.stage === 'import' ? `${file}: cannot import it: ${result.message}` : `${file}: drizzle-kit cannot generate SQL from it: ${result.message}`));
      }
      const lines = printed.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3);
      const said = lines.length ? ` (it printed: ${lines.join(' / ')})` : '';
      const how = exitCall?.kind === 'exit' ? `called process.exit(${exitCall.code})` : signal ? `was ended by ${signal}` : `ended the process (exit code ${code})`;
      reject(new SourceBuildError(`${file}: importing it ${how}${said}; a schema module must not end the process: move that out of the file drizzle-kit reads`));
    });
  });
}

/** duplicate_schema, duplicate_table, duplicate_object, duplicate_function */
const HOST_MADE = new Set(['42P06', '42P07', '42710', '42723']);

/** `schema:<file.ts>` — a database built straight from a drizzle schema file. */
export function schemaFileSource(file: string, options: { spec?: string; label?: string } = {}): BuildableSource {
  let statements: Promise<string[]> | undefined;
  const sql = () => (statements ??= sqlOfSchemaFile(file));
  return {
    kind: 'schema',
    spec: options.spec ?? `schema:${file}`,
    label: options.label ?? 'schema',
    async hash() {
      // what decides the result is the SQL drizzle-kit makes of the file (and what it imports)
      const digest = createHash('sha256').update('schema\0');
      for (const statement of await sql()) digest.update(statement).update('\0');
      return digest.digest('hex');
    },
    async build(client: pg.ClientBase, context) {
      for (const [i, statement] of (await sql()).entries()) {
        try {
          await client.query(statement);
        } catch (error) {
          const fields = error as ServerErrorFields;
          // the host setup made it (drizzle-orm/supabase's authUsers, a pgSchema('auth')): the host's, not ours
          if (context?.hostSetup && HOST_MADE.has(fields.code ?? '') && /^\s*CREATE\b/i.test(statement)) {
            context.log?.(`${file}: skipped ${statement.trim().split('\n')[0]!.slice(0, 80)} — the host setup made it`);
            continue;
          }
          const where = `${file} → generated statement ${i + 1} (${statement.trim().split('\n')[0]!.slice(0, 80)})`;
          throw new SourceBuildError(describeServerError(where, statement, { ...fields, message: fields.message ?? String(error), position: undefined }), { cause: error });
        }
      }
    },
  };
}
