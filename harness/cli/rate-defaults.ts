import type { Snapshot } from '../catalog/model.js';
import type { Comparison, CompareRules } from '../compare/types.js';
import { rateDefaults as rateDefaultsOnServer } from '../evaluate/rate-defaults.js';
import type { Source } from '../sources/source.js';
import type { Session } from './session.js';

/** Lets the session's server judge defaults that print differently (see evaluate/rate-defaults). */
export function rateDefaults(session: Session, comparison: Comparison, b: Snapshot, sources: Source[], rules: Partial<CompareRules> = {}): Promise<Comparison> {
  return rateDefaultsOnServer(comparison, b, sources, () => session.server(), rules.equivalentDefaults);
}
