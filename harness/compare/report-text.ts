import { visibleComparison } from './visible.js';
import type { diff as jestDiff } from 'jest-diff';
import { lazyRequire } from '../util/lazy-require.js';
import { indexOutsideQuotes, splitPath } from '../catalog/identity.js';
import { KINDS, LIST_KEYS } from '../catalog/kinds.js';
import { PART_KEYS, PARTS, RELATION_KEYS, RELATIONS } from '../catalog/relations.js';
import { blameNote } from '../blame/note.js';
import { describeObject, inline, multiline } from './describe.js';
import { type Comparison, type Difference, type NotComparedObject, type ObjectKind } from './types.js';

export interface ReportLabels {
  a: string;
  b: string;
}

/** A relation kind's words for its objects with their sections' headings. */
const sectionsOf = (grouped: boolean) =>
  RELATION_KEYS.filter((key) => ('groupsParts' in RELATIONS[key]) === grouped).flatMap((key) => Object.entries(RELATIONS[key].objects) as Array<[ObjectKind, string]>);
/** Relations reported by relation (tables): those only on one side first, then each one's changes and its parts'. */
const GROUPING: Array<[ObjectKind, string]> = sectionsOf(true);
const GROUPING_OBJECTS: readonly ObjectKind[] = GROUPING.map(([object]) => object);
/** The parts (catalog/relations.ts), in their order, with their headings in a relation's group. */
const PART_GROUPS: Array<[ObjectKind, string]> = PART_KEYS.map((key) => [PARTS[key].object, PARTS[key].heading]);
/** Parts written as members of their relation's path (`public.t.id`), not after `#`. */
const MEMBERS: ReadonlySet<string> = new Set(PART_KEYS.filter((key) => PARTS[key].separator === '.').map((key) => PARTS[key].object));

/** The sections after the tables, in the registry's order, views where the relations are. */
export const SECTIONS: Array<[ObjectKind, string]> = [
  ...LIST_KEYS.filter((key) => 'beforeRelations' in KINDS[key]).map((key): [ObjectKind, string] => [KINDS[key].object, KINDS[key].section]),
  ...sectionsOf(false),
  ...LIST_KEYS.filter((key) => !('beforeRelations' in KINDS[key])).map((key): [ObjectKind, string] => [KINDS[key].object, KINDS[key].section]),
  ['privilege', 'Privileges'],
  ['default privilege', 'Default privileges'],
  ['owner', 'Owners'],
];

/**
 * The report for terminals and test failures, grouped the way a person audits a schema: tables
 * only on one side, then per table its columns, constraints, indexes…, then the other kinds.
 * `-` is A only, `+` is B only, `~` changed. Colour only when asked (a TTY).
 */
export function textReport(shown: Comparison, labels: ReportLabels, options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false);
  const comparison = visibleComparison(shown);
  const all = comparison.differences;
  // objects a Drizzle side cannot declare get a heading of their own, last (compare/hints.ts)
  const undeclarable = all.filter((d) => d.drizzleCannotDeclare);
  const differences = all.filter((d) => !d.drizzleCannotDeclare);
  const drift = all.filter((d) => d.severity === 'drift').length;
  const lines: string[] = [];
  lines.push(
    all.length === 0
      ? `${labels.a} and ${labels.b}: equal`
      : `${labels.a} vs ${labels.b}: ${count(all.length, 'difference')} (${drift} drift, ${all.length - drift} cosmetic)`,
  );
  for (const warning of comparison.warnings) lines.push(paint.yellow(`warning: ${warning}`));

  for (const [object, title] of GROUPING) {
    const only = differences.filter((d) => d.object === object && d.kind !== 'changed');
    for (const [kind, label] of [['missing', labels.a], ['extra', labels.b]] as const) {
      const of = only.filter((d) => d.kind === kind);
      if (of.length === 0) continue;
      lines.push('', `${title} only in ${label}:`);
      for (const d of of) lines.push(`  ${mark(d, paint)} ${describeObject(d)}${blameNote(d)}`);
    }
  }

  const byRelation = new Map<string, Difference[]>();
  for (const d of differences) {
    const grouping = GROUPING_OBJECTS.includes(d.object);
    if (grouping ? d.kind !== 'changed' : !PART_GROUPS.some(([part]) => part === d.object)) continue;
    const relation = relationOf(d);
    byRelation.set(relation, [...(byRelation.get(relation) ?? []), d]);
  }
  for (const [relation, items] of byRelation) {
    lines.push('', paint.bold(relation));
    for (const d of items.filter((x) => GROUPING_OBJECTS.includes(x.object))) lines.push(...changedLines(d, '  ', labels, paint));
    for (const [part, heading] of PART_GROUPS) {
      const group = items.filter((x) => x.object === part);
      if (group.length === 0) continue;
      lines.push(`  ${heading}`);
      for (const d of group) lines.push(...itemLines(d, '    ', labels, paint));
    }
  }

  for (const [kind, title] of SECTIONS) {
    const group = differences.filter((d) => d.object === kind);
    if (group.length === 0) continue;
    lines.push('', title);
    for (const d of group) lines.push(...itemLines(d, '  ', labels, paint));
  }
  if (undeclarable.length > 0) {
    lines.push('', 'Drizzle cannot declare these: keep them in a custom migration (drizzle-kit generate --custom)');
    for (const d of undeclarable) lines.push(...itemLines({ ...d, hint: undefined }, '  ', labels, paint).map((l, i) => (i === 0 ? l.replace(/^(\s*\S+ )/, `$1${d.object} `) : l)));
  }
  lines.push(...notComparedLines(comparison.notCompared, labels, paint));
  return lines.join('\n');
}

/** The coverage guard's list: what the verdict above does not cover. */
export function notComparedLines(objects: readonly NotComparedObject[], labels: ReportLabels, paint: Pick<Painter, 'yellow'> = { yellow: id }): string[] {
  if (objects.length === 0) return [];
  const where = (o: NotComparedObject) => (o.in === 'both' ? 'in both' : `only in ${o.in === 'a' ? labels.a : labels.b}`);
  return ['', paint.yellow('Not compared (kinds schema-parity does not compare yet: check them by hand)'), ...objects.map((o) => `  ? ${o.kind} ${o.identity}  (${where(o)})`)];
}

function itemLines(d: Difference, indent: string, labels: ReportLabels, paint: Painter): string[] {
  if (d.kind === 'changed') return changedLines(d, indent, labels, paint);
  const where = d.kind === 'missing' ? `only in ${labels.a}` : `only in ${labels.b}`;
  return [`${indent}${mark(d, paint)} ${describeObject(d)}  ${paint.dim(`(${where})`)}${blameNote(d)}`, ...hintLines(d, indent, paint)];
}

function hintLines(d: Difference, indent: string, paint: Painter): string[] {
  return d.hint ? [`${indent}    ${paint.dim(`↳ ${d.hint}`)}`] : [];
}

function changedLines(d: Difference, indent: string, labels: ReportLabels, paint: Painter): string[] {
  const name = GROUPING_OBJECTS.includes(d.object) ? '' : `${shortName(d)}: `;
  const cosmetic = d.severity === 'cosmetic' ? paint.dim(` (cosmetic${d.note ? `: ${d.note}` : ''})`) : '';
  const a = inline(d.a, d.property);
  const b = inline(d.b, d.property);
  if (a !== undefined && b !== undefined) return [`${indent}${mark(d, paint)} ${name}${d.property} ${a} → ${b}${cosmetic}${blameNote(d)}`, ...hintLines(d, indent, paint)];
  const { diff } = lazyRequire('jest-diff') as { diff: typeof jestDiff };
  const lineDiff = diff(multiline(d.a), multiline(d.b), {
    aAnnotation: labels.a,
    bAnnotation: labels.b,
    contextLines: 2,
    expand: false,
    ...(paint.plain ? { aColor: id, bColor: id, changeColor: id, commonColor: id, patchColor: id } : {}),
  });
  return [`${indent}${mark(d, paint)} ${name}${d.property}${cosmetic}${blameNote(d)}`, ...(lineDiff ?? '').split('\n').map((l) => `${indent}    ${l}`.trimEnd()), ...hintLines(d, indent, paint)];
}

/** `public.requests` of `public.requests.status` or `public.requests#requests_pkey` (separators inside quoted names do not count). */
function relationOf(d: Difference): string {
  if (GROUPING_OBJECTS.includes(d.object)) return d.path;
  const hash = indexOutsideQuotes(d.path, '#');
  return hash >= 0 ? d.path.slice(0, hash) : splitPath(d.path).slice(0, -1).join('.');
}

function shortName(d: Difference): string {
  const hash = indexOutsideQuotes(d.path, '#');
  if (hash >= 0) return d.path.slice(hash + 1);
  return MEMBERS.has(d.object) ? splitPath(d.path).at(-1)! : d.path;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const id = (s: string) => s;
interface Painter {
  plain: boolean;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}
function painter(color: boolean): Painter {
  const sgr = (code: string) => (color ? (s: string) => `\u001b[${code}m${s}\u001b[0m` : id);
  return { plain: !color, red: sgr('31'), green: sgr('32'), yellow: sgr('33'), bold: sgr('1'), dim: sgr('2') };
}

function mark(d: Difference, paint: Painter): string {
  return d.kind === 'missing' ? paint.red('-') : d.kind === 'extra' ? paint.green('+') : paint.yellow('~');
}
