import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { compileUserModule, inUserModuleProcess, UserModuleError, type CompiledModule } from '../util/user-module.js';
import type pg from 'pg';
import { forgetSchemaDigest, keepSchemaDigest, keptSchemaDigest, schemaDigestKey } from './schema-digests.js';
import { SourceBuildError, type BuildableSource, type DerivedTextStore } from './source.js';
import { describeServerError, type ServerErrorFields } from './sql-position.js';

/**
 * The SQL drizzle-kit would generate for a schema file against an empty database, through its
 * programmatic API (generateDrizzleJson + generateMigration), foreign keys last: drizzle-kit can
 * emit a foreign key before the unique index it references. `compiled`: the file as
 * compileUserModule gave it, when the caller has it already.
 */
export async function sqlOfSchemaFile(file: string, compiled?: CompiledModule | null): Promise<string[]> {
  if (!existsSync(file)) throw new SourceBuildError(`${file} does not exist`);
  const statements = await generateInChild(file, compiled === undefined ? await compileUserModule(file) : compiled);
  const isForeignKey = (sql: string) => /^ALTER TABLE .* ADD CONSTRAINT .* FOREIGN KEY/s.test(sql.trim());
  return [...statements.filter((s) => !isForeignKey(s)), ...statements.filter(isForeignKey)];
}

/** What names a schema source: the digest of the SQL drizzle-kit makes of the file (and what it imports). */
function digestOf(statements: readonly string[]): string {
  const digest = createHash('sha256').update('schema\0');
  for (const statement of statements) digest.update(statement).update('\0');
  return digest.digest('hex');
}

/** The SQL, from drizzle-kit in a child process (util/user-module.ts): the module's failures in the words of a build. */
async function generateInChild(file: string, compiled: CompiledModule | null): Promise<string[]> {
  try {
    return await inUserModuleProcess<string[]>('drizzle-sql', file, { compiled });
  } catch (error) {
    if (!(error instanceof UserModuleError)) throw error;
    const failure = error.failure;
    if (failure.kind === 'spawn') throw new SourceBuildError(`${file}: cannot start a process to import it: ${failure.message}`, { cause: error });
    if (failure.kind === 'threw') {
      throw new SourceBuildError(failure.stage === 'import' ? `${file}: cannot import it: ${failure.message}` : `${file}: drizzle-kit cannot generate SQL from it: ${failure.message}`);
    }
    const said = failure.printed.length ? ` (it printed: ${failure.printed.join(' / ')})` : '';
    throw new SourceBuildError(`${file}: importing it ${failure.how}${said}; a schema module must not end the process: move that out of the file drizzle-kit reads`);
  }
}

/** duplicate_schema, duplicate_table, duplicate_object, duplicate_function */
const HOST_MADE = new Set(['42P06', '42P07', '42710', '42723']);

/** `schema:<file.ts>` — a database built straight from a drizzle schema file. */
export function schemaFileSource(file: string, options: { spec?: string; label?: string } = {}): BuildableSource {
  // asked once per run: by hash, then (when the snapshot is not cached) by build
  let statements: Promise<string[]> | undefined;
  const sql = (compiled?: CompiledModule | null) => (statements ??= sqlOfSchemaFile(file, compiled));
  let named: Promise<{ digest: string; kept?: { store: DerivedTextStore; key: string } }> | undefined;
  /**
   * The digest, kept from an earlier run (in the snapshot cache) when the module can only give
   * the same SQL again (schema-digests.ts): a warm run then starts no drizzle-kit. Else from
   * the SQL, generated now, and kept where it can be. Only the digest is kept: nothing read from
   * the cache is ever run.
   */
  const name = async (store: DerivedTextStore | undefined) => {
    if (!store) return { digest: digestOf(await sql()) };
    const compiled = await compileUserModule(file);
    const key = compiled ? schemaDigestKey(compiled) : undefined;
    const kept = key ? keptSchemaDigest(store, key) : undefined;
    if (kept) return { digest: kept, kept: { store, key: key! } };
    const digest = digestOf(await sql(compiled));
    if (key) keepSchemaDigest(store, key, digest);
    return { digest };
  };
  return {
    kind: 'schema',
    spec: options.spec ?? `schema:${file}`,
    label: options.label ?? 'schema',
    async hash(context) {
      return (await (named ??= name(context?.derived))).digest;
    },
    async build(client: pg.ClientBase, context) {
      const generated = await sql();
      // the kept digest named this build: the SQL drizzle-kit makes now must be what it stood for
      const naming = named && (await named);
      if (naming?.kept && digestOf(generated) !== naming.digest) {
        forgetSchemaDigest(naming.kept.store, naming.kept.key);
        throw new SourceBuildError(
          `${file}: drizzle-kit now generates other SQL from it than the digest kept in the snapshot cache says (a package changed in place under the same version?); the kept digest is removed: run parity again, or parity cache clear`,
        );
      }
      for (const [i, statement] of generated.entries()) {
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
