import type { Snapshot } from '../catalog/model.js';
import { sameViewQueryBefore16 } from './normalize.js';

/**
 * The two snapshots, where one was taken before PostgreSQL 16 and the other from 16 on, with each
 * view definition of the older that says the same as the newer's view of that name but for the
 * column qualifiers before 16 (normalize.ts: sameViewQueryBefore16) read as the newer writes it.
 * Only spelling is taken away: everything else about the views is compared as it was.
 */
export function viewsReadAcrossMajor16(a: Snapshot, b: Snapshot): [Snapshot, Snapshot] {
  if ((a.postgresMajor < 16) === (b.postgresMajor < 16)) return [a, b];
  const [older, newer] = a.postgresMajor < 16 ? [a, b] : [b, a];
  const key = (v: { schema: string; name: string }) => `${v.schema}\0${v.name}`;
  const newerViews = new Map(newer.views.map((v) => [key(v), v]));
  const read = {
    ...older,
    views: older.views.map((view) => {
      const other = newerViews.get(key(view));
      if (!other || view.definition.join('\n') === other.definition.join('\n')) return view;
      return sameViewQueryBefore16(view.definition.join('\n'), other.definition.join('\n')) ? { ...view, definition: other.definition } : view;
    }),
  };
  return a === older ? [read, b] : [a, read];
}
