import type { Column, Constraint, Index, Table, Trigger } from '../catalog/model.js';
import type { Difference } from './types.js';

/** One line for an object that exists on one side only. */
export function describeObject(d: Difference): string {
  const value = (d.kind === 'missing' ? d.a : d.b) as Record<string, unknown>;
  switch (d.object) {
    case 'column': {
      const c = value as unknown as Column;
      return [c.name, c.type, c.notNull ? 'NOT NULL' : '', c.default !== null ? `DEFAULT ${c.default}` : ''].filter(Boolean).join(' ');
    }
    case 'constraint': {
      const c = value as unknown as Constraint;
      return `${c.name} ${c.definition}`;
    }
    case 'index':
    case 'trigger':
    case 'rule':
      return (value as unknown as Index | Trigger).definition;
    case 'table': {
      const t = value as unknown as Table;
      return `${t.schema}.${t.name} (${t.columns.map((c) => c.name).join(', ')})`;
    }
    default:
      return d.path;
  }
}

/** A property value in one line, or undefined when it is long enough to deserve a diff. */
export function inline(value: unknown, property?: string): string | undefined {
  if (Array.isArray(value)) {
    // source text kept as lines reads best as a line diff
    if ((property === 'body' || property === 'definition') && value.length > 1) return undefined;
    if (value.some((v) => typeof v === 'string' && v.length > 60) || value.length > 12) return undefined;
    return `[${value.join(', ')}]`;
  }
  if (value === null) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? undefined : text;
}

/** Multi-line text of a long value, for a line diff. */
export function multiline(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
