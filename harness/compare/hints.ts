import type { Column, Constraint, Enum, Index, Policy, Trigger } from '../catalog/model.js';
import { indexOutsideQuotes, splitPath } from '../catalog/identity.js';
import { accessHint } from './privileges.js';
import type { Comparison, Difference } from './types.js';

/** What built each side of a pair (a source's kind): hints depend on it. */
export interface PairKinds {
  a?: string;
  b?: string;
}

/** Kinds a Drizzle schema cannot declare: they live in custom migrations or nowhere. */
const DRIZZLE_CANNOT_DECLARE = new Set([
  'function', 'aggregate', 'trigger', 'rule', 'event trigger', 'domain', 'composite type', 'range type', 'collation', 'operator', 'operator class',
  'operator family', 'cast', 'publication', 'statistics', 'text search configuration', 'text search dictionary', 'foreign-data wrapper', 'foreign server',
  'foreign table', 'conversion', 'language', 'access method', 'extension',
]);
const DRIZZLE_SIDES = new Set(['schema', 'drizzle']);

/**
 * Each difference with a short, concrete hint of what to do about it, for the side that differs
 * from the reference A: the statement B lacks, the rename, or — when B is a Drizzle schema that
 * cannot declare such an object — where it must live instead. Pure: differences in, the same
 * differences with `hint` out.
 */
export function withHints(comparison: Comparison, pair: PairKinds): Comparison {
  return {
    ...comparison,
    differences: comparison.differences.map((d) => {
      const hint = hintFor(d, pair);
      return { ...d, ...(hint ? { hint } : {}), ...(drizzleCannotDeclare(d, pair) ? { drizzleCannotDeclare: true } : {}) };
    }),
  };
}

/** Whether a difference is about an object a Drizzle side of the pair cannot declare. */
export function drizzleCannotDeclare(d: Difference, pair: PairKinds): boolean {
  const lacking = d.kind === 'missing' ? pair.b : d.kind === 'extra' ? pair.a : undefined;
  return lacking !== undefined && DRIZZLE_SIDES.has(lacking) && DRIZZLE_CANNOT_DECLARE.has(d.object);
}

export function hintFor(d: Difference, pair: PairKinds = {}): string | undefined {
  if (drizzleCannotDeclare(d, pair)) {
    return `Drizzle cannot declare a ${d.object}: keep it in a custom migration (drizzle-kit generate --custom), so the ${d.kind === 'missing' ? 'B' : 'A'} side has it too`;
  }
  const access = accessHint(d);
  if (access) return access;
  const table = tableOf(d);
  const name = partName(d);
  const sql = (s: string) => `${pair.b === 'schema' ? 'in the schema file, the equivalent of: ' : ''}${s}`;
  if (d.kind === 'missing' || d.kind === 'extra') {
    const value = (d.kind === 'missing' ? d.a : d.b) as Record<string, unknown>;
    const add = d.kind === 'missing';
    switch (d.object) {
      case 'column': {
        const c = value as unknown as Column;
        return add
          ? sql(`ALTER TABLE ${table} ADD COLUMN ${quote(c.name)} ${c.type}${c.default !== null && !c.generated ? ` DEFAULT ${c.default}` : ''}${c.notNull ? ' NOT NULL' : ''};`)
          : sql(`ALTER TABLE ${table} DROP COLUMN ${quote(c.name)}; (or add it to A)`);
      }
      case 'constraint': {
        const c = value as unknown as Constraint;
        return add ? sql(`ALTER TABLE ${table} ADD CONSTRAINT ${quote(c.name)} ${c.definition};`) : sql(`ALTER TABLE ${table} DROP CONSTRAINT ${quote(c.name)};`);
      }
      case 'index': {
        const i = value as unknown as Index;
        return add ? sql(`${i.definition};`) : sql(`DROP INDEX ${schemaOf(table)}${quote(i.name)};`);
      }
      case 'trigger': {
        const t = value as unknown as Trigger;
        return add ? sql(`${t.definition};`) : sql(`DROP TRIGGER ${quote(t.name)} ON ${table};`);
      }
      case 'policy': {
        const p = value as unknown as Policy;
        return add
          ? sql(`CREATE POLICY ${quote(p.name)} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${p.roles.join(', ')}${p.using ? ` USING (${p.using})` : ''}${p.withCheck ? ` WITH CHECK (${p.withCheck})` : ''};`)
          : sql(`DROP POLICY ${quote(p.name)} ON ${table};`);
      }
      case 'table':
        return add ? `B has no table ${d.path}: create it there as A has it` : `only B has table ${d.path}: add it to A, or drop it from B`;
      default:
        return undefined;
    }
  }
  // changed: what makes B like A
  switch (`${d.object}.${d.property}`) {
    case 'column.type':
      return sql(`ALTER TABLE ${table} ALTER COLUMN ${quote(name)} TYPE ${String(d.a)};`);
    case 'column.default':
      return d.a === null ? sql(`ALTER TABLE ${table} ALTER COLUMN ${quote(name)} DROP DEFAULT;`) : sql(`ALTER TABLE ${table} ALTER COLUMN ${quote(name)} SET DEFAULT ${String(d.a)};`);
    case 'column.notNull':
      return sql(`ALTER TABLE ${table} ALTER COLUMN ${quote(name)} ${d.a ? 'SET' : 'DROP'} NOT NULL;`);
    case 'constraint.name':
      return sql(`ALTER TABLE ${table} RENAME CONSTRAINT ${quote(String(d.b))} TO ${quote(String(d.a))};`);
    case 'index.name':
      return sql(`ALTER INDEX ${schemaOf(table)}${quote(String(d.b))} RENAME TO ${quote(String(d.a))};`);
    case 'trigger.name':
      return sql(`ALTER TRIGGER ${quote(String(d.b))} ON ${table} RENAME TO ${quote(String(d.a))};`);
    case 'policy.name':
      return sql(`ALTER POLICY ${quote(String(d.b))} ON ${table} RENAME TO ${quote(String(d.a))};`);
    case 'constraint.form':
      return d.a === 'unique constraint'
        ? sql(`ALTER TABLE ${table} ADD CONSTRAINT ${quote(name)} UNIQUE USING INDEX ${quote(name)};`)
        : `B has a unique constraint where A has a unique index: ALTER TABLE ${table} DROP CONSTRAINT ${quote(name)}; then create the index as A has it`;
    case 'enum.labels': {
      const [a, b] = [(d.a as Enum['labels']) ?? [], (d.b as Enum['labels']) ?? []];
      const missing = a.filter((l) => !b.includes(l));
      const extra = b.filter((l) => !a.includes(l));
      if (missing.length === 0 && extra.length === 0) return 'the same labels in another order: an enum cannot be reordered in place; recreate the type';
      return [
        ...missing.map((l) => sql(`ALTER TYPE ${d.path} ADD VALUE '${l.replaceAll("'", "''")}';`)),
        ...(extra.length > 0 ? [`B has labels A lacks (${extra.join(', ')}): an enum label cannot be dropped; recreate the type in B without them, or add them to A`] : []),
      ].join(' ');
    }
    case 'table.columnOrder':
      return 'the same columns in another order: only SELECT * and COPY see it; declare them in A\'s order, or leave it (cosmetic)';
    default:
      return undefined;
  }
}

function quote(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

// the reserved words a column or index name is most likely to be (never valid unquoted there)
const RESERVED = new Set(['all', 'and', 'any', 'as', 'asc', 'check', 'column', 'constraint', 'default', 'desc', 'end', 'from', 'group', 'index', 'key', 'limit', 'order', 'primary', 'references', 'select', 'table', 'to', 'user', 'when', 'where', 'with']);

function tableOf(d: Difference): string {
  if (d.object === 'table') return d.path;
  const hash = indexOutsideQuotes(d.path, '#');
  return hash >= 0 ? d.path.slice(0, hash) : splitPath(d.path).slice(0, -1).join('.');
}

function partName(d: Difference): string {
  const hash = indexOutsideQuotes(d.path, '#');
  const raw = hash >= 0 ? d.path.slice(hash + 1) : (splitPath(d.path).at(-1) ?? d.path);
  return raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
}

function schemaOf(table: string): string {
  const parts = splitPath(table);
  return parts.length > 1 ? `${parts[0]}.` : '';
}
