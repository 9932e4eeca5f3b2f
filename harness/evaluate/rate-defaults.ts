import type { Snapshot } from '../catalog/model.js';
import { ensureTemplate } from '../cache/templates.js';
import { applyDefaultAnswers, defaultQuestions, type DefaultAnswer } from '../compare/equivalent-defaults.js';
import type { Comparison, Difference, RuleLevel } from '../compare/types.js';
import type { PostgresServer } from '../server/types.js';
import type { Buildable, Source } from '../sources/source.js';
import { answerDefaultQuestions } from './defaults.js';

/**
 * Lets the server judge the defaults of `comparison` that print differently. The server is
 * started only if there is a question; the defaults are evaluated in a copy of a built side
 * (B's if it is built, else A's) so the project's types exist — never in a `url:` database.
 */
export async function rateDefaults(comparison: Comparison, b: Snapshot, sides: readonly (Source | undefined)[], server: () => Promise<PostgresServer>, level: RuleLevel = 'cosmetic'): Promise<Comparison> {
  const questions = defaultQuestions(comparison, b, level);
  if (questions.length === 0) return comparison;
  const running = await server();
  const built = [...sides].reverse().find(isBuilt);
  const template = built && running.provider !== 'url' ? (await ensureTemplate(running, built)).name : undefined;
  const answers = await answerDefaultQuestions(running, template, questions);
  return applyDefaultAnswers(comparison, new Map<Difference, DefaultAnswer>(questions.map((q, i) => [q.difference, answers[i]!])), level);
}

function isBuilt(source: Source | undefined): source is Buildable {
  return source !== undefined && source.kind !== 'url' && source.kind !== 'snapshot';
}
