import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { compileUserModule, inUserModuleProcess, UserModuleError, type CompiledModule } from '../util/user-module.js';
import type pg from 'pg';
import { keepSchemaSql, keptSchemaSql, schemaSqlKey } from './schema-sql-memo.js';
import { SourceBuildError, type BuildableSource, type DerivedTextStore, type HashContext } from './source.js';
import { describeServerError, type ServerErrorFields } from './sql-position.js';

/**
 * The SQL drizzle-kit would generate for a schema file against an empty database, through its
 * programmatic API (generateDrizzleJson + generateMigration), foreign keys last: drizzle-kit can
 * emit a foreign key before the unique index it references.
 */
export async function sqlOfSchemaFile(file: string, context: HashContext = {}): Promise<string[]> {
  if (!existsSync(file)) throw new SourceBuildError(`${file} does not exist`);
  const statements = await generatedSql(file, context.derived);
  const isForeignKey = (sql: string) => /^ALTER TABLE .* ADD CONSTRAINT .* FOREIGN KEY/s.test(sql.trim());
  return [...statements.filter((s) => !isForeignKey(s)), ...statements.filter(isForeignKey)];
}

/**
 * drizzle-kit's SQL of the file: kept from an earlier run when the module can only give the same
 * SQL again (schema-sql-memo.ts), else generated, and kept for the next run where it can be.
 */
async function generatedSql(file: string, store: DerivedTextStore | undefined): Promise<string[]> {
  const compiled = await compileUserModule(file);
  const key = store && compiled ? schemaSqlKey(compiled) : undefined;
  const kept = key ? keptSchemaSql(store!, key) : undefined;
  if (kept) return kept;
  const statements = await generateInChild(file, compiled);
  if (key) keepSchemaSql(store!, key, statements);
  return statements;
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
  let statements: Promise<string[]> | undefined;
  // asked once per run: by hash (with the snapshot cache, where the SQL may be kept), then build
  const sql = (context?: HashContext) => (statements ??= sqlOfSchemaFile(file, context));
  return {
    kind: 'schema',
    spec: options.spec ?? `schema:${file}`,
    label: options.label ?? 'schema',
    async hash(context) {
      // what decides the result is the SQL drizzle-kit makes of the file (and what it imports)
      const digest = createHash('sha256').update('schema\0');
      for (const statement of await sql(context)) digest.update(statement).update('\0');
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
