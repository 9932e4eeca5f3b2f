import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { isDirectory, isFile, refuseEmpty, refusePsqlFeatures } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * Sqitch: the order comes from `sqitch.plan`, not from file names. Each change's
 * `deploy/<change>.sql` runs as psql runs it (statement by statement; the scripts carry their own
 * BEGIN/COMMIT); `revert/` and `verify/` never run. A reworked change's earlier deploy script is
 * `deploy/<change>@<tag>.sql`: of the tags after it, up to the rework, the latest first that has one (as Sqitch looks).
 */
export const sqitch: MigrationFormat = {
  name: 'sqitch',
  // Sqitch runs each deploy script with its own psql
  session: 'per-file',
  describe: '`sqitch.plan` with `deploy/<change>.sql` (`revert/`, `verify/` never run)',
  detect: (dir) => isFile(join(dir, 'sqitch.plan')) || isFile(join(dir, 'sqitch.conf')),
  list(dir) {
    const layout = layoutOf(dir);
    if (!isFile(layout.plan)) throw new MigrationFolderError(`${dir}: no ${relative(dir, layout.plan)}: a Sqitch project is read in the order of its plan`);
    if (!isDirectory(layout.deploy)) throw new MigrationFolderError(`${dir}: no ${relative(dir, layout.deploy)}/ folder next to the plan`);
    const planName = relative(dir, layout.plan);
    const plan = parsePlan(readFileSync(layout.plan, 'utf8'), planName);
    const deploy = relative(dir, layout.deploy);
    const units = plan.changes.map((change, i): MigrationUnit => {
      const later = plan.changes.findIndex((other, j) => j > i && other.name === change.name);
      let file = join(deploy, `${change.name}${layout.extension}`);
      if (later >= 0) {
        // reworked: the first tag between this change and its next instance that has a script
        // in Sqitch's order (lib/App/Sqitch/Plan.pm _parse, add_rework_tags): the tags of the changes
        // after this one, latest change first, then this change's own tags
        const tags = [...plan.changes.slice(i + 1, later).reverse().flatMap((c) => c.tags), ...change.tags];
        const candidates = tags.map((tag) => join(deploy, `${change.name}@${tag}${layout.extension}`));
        const tagged = candidates.find((name) => isFile(join(dir, name)));
        if (!tagged) throw new MigrationFolderError(`${planName}:${change.line}: "${change.name}" is reworked later, but none of ${candidates.join(', ') || `${deploy}/<change>@<tag>.sql`} exists`);
        file = tagged;
      }
      const path = join(dir, file);
      if (!isFile(path)) throw new MigrationFolderError(`${planName}:${change.line}: change "${change.name}" has no ${file}`);
      const sql = readMigrationText(path, file);
      refusePsqlFeatures(file, sql); // Sqitch runs deploy scripts with psql
      return { file, path, version: change.name, name: change.name, aliases: change.tags, sql, line: 1, transaction: 'none', reason: 'a Sqitch deploy script: run as psql runs it, its transactions are its own BEGIN/COMMIT' };
    });
    return refuseEmpty(dir, units, `changes in ${planName}`);
  },
};

/**
 * Where the plan and the deploy scripts are: `sqitch.conf`'s `top_dir`, `plan_file` and
 * `deploy_dir` (in `[core]`, or `[engine "pg"]` which wins), relative to the project folder.
 */
function layoutOf(dir: string): { plan: string; deploy: string; extension: string } {
  const settings: Record<string, string> = {};
  const conf = join(dir, 'sqitch.conf');
  if (isFile(conf)) {
    let section = '';
    const core: Record<string, string> = {};
    const engine: Record<string, string> = {};
    for (const raw of readFileSync(conf, 'utf8').split('\n')) {
      const line = raw.trim();
      const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
      if (header) section = header[1]!.replace(/\s+/g, ' ');
      const setting = /^([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (!setting) continue;
      if (section === 'core') core[setting[1]!] = gitConfigValue(setting[2]!);
      if (section === 'engine "pg"') engine[setting[1]!] = gitConfigValue(setting[2]!);
    }
    Object.assign(settings, core, engine);
  }
  const top = resolve(dir, settings.top_dir ?? '.');
  // `extension` (default sql) names the scripts: lib/App/Sqitch/Target.pm, Plan/Change.pm _path_segments
  return { plan: resolve(dir, settings.plan_file ?? join(top, 'sqitch.plan')), deploy: resolve(dir, settings.deploy_dir ?? join(top, 'deploy')), extension: `.${settings.extension || 'sql'}` };
}

/** A git-config value as Sqitch reads it: `"db"` is db; a `#` or `;` outside quotes starts a comment. */
function gitConfigValue(raw: string): string {
  let value = '';
  let quoted = false;
  for (const char of raw) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '#' || char === ';')) break;
    else value += char;
  }
  return value.trim();
}

interface PlannedChange {
  name: string;
  line: number;
  requires: string[];
  /** Tags that follow the change in the plan (before the next change). */
  tags: string[];
}

/** `%pragma=value`, `@tag …`, `[+]change [deps] date planner <email> # note`, `#` comments. */
export function parsePlan(text: string, planName = 'sqitch.plan'): { project?: string; changes: PlannedChange[] } {
  const changes: PlannedChange[] = [];
  let project: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('%')) {
      const pragma = /^%\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (pragma?.[1] === 'project') project = pragma[2];
      continue;
    }
    if (line.startsWith('@')) {
      const tag = /^@(\S+)/.exec(line)![1]!;
      if (changes.length === 0) throw new MigrationFolderError(`${planName}:${i + 1}: tag @${tag} before any change`);
      changes[changes.length - 1]!.tags.push(tag);
      continue;
    }
    const change = /^([+-]?)([^\s[\]#@:%]+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!change) throw new MigrationFolderError(`${planName}:${i + 1}: not a change, tag or pragma: "${line.slice(0, 60)}"`);
    if (change[1] === '-') throw new MigrationFolderError(`${planName}:${i + 1}: "-${change[2]}" plans a revert; the replay only deploys. Remove the line or rework the change.`);
    const requires = (change[3] ?? '').split(/\s+/).filter((dep) => dep && !dep.startsWith('!') && !dep.includes(':'));
    for (const dep of requires) {
      const name = dep.replace(/@.*$/, '');
      if (!changes.some((c) => c.name === name)) throw new MigrationFolderError(`${planName}:${i + 1}: "${change[2]}" requires "${dep}", which the plan does not deploy before it (Sqitch refuses this too)`);
    }
    changes.push({ name: change[2]!, line: i + 1, requires, tags: [] });
  }
  return { project, changes };
}
