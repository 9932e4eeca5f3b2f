import type { Snapshot } from '../catalog/model.js';
import { rateEquivalentDefaults } from '../compare/equivalent-defaults.js';
import type { Comparison, CompareRules } from '../compare/types.js';
import { withClient } from '../server/connect.js';
import type { Source } from '../sources/source.js';
import type { Session } from './session.js';

/**
 * Lets the server judge defaults that print differently. It asks a live source's database when
 * there is one (read-only), else the session's server — started only if there is a question.
 */
export async function rateDefaults(session: Session, comparison: Comparison, b: Snapshot, sources: Source[], rules: Partial<CompareRules> = {}): Promise<Comparison> {
  if (!comparison.differences.some((d) => d.object === 'column' && d.property === 'default')) return comparison;
  const live = sources.find((s) => s.kind === 'url');
  const url = live?.kind === 'url' ? live.url : (await session.server()).adminUrl;
  return withClient(url, (client) => rateEquivalentDefaults(comparison, b, client, rules.equivalentDefaults));
}
