// The text of `parity --help` and `parity <command> --help`.

export const USAGE = `parity — prove that databases built different ways are the same PostgreSQL schema

Usage:
  parity check [--strict] [--strict-coverage] [--no-cache]
                                         build every project source, compare with committed snapshots and each other
  parity refresh [--dump] [--quiet]      rebuild the committed snapshots (the only command that writes them)
  parity diff <A> <B> [--format text|markdown|json] [--strict] [--strict-coverage]
                                         compare two sources: exit 0 equal, 1 drift
  parity snapshot <source> [-o <file>] [--strict-coverage]
                                         write the catalog snapshot of one source (stdout by default)
  parity adopt <url:…> [--dry-run]       mark the Drizzle baseline applied on a database that equals it
  parity dump [--url <url>] [-o <file>]  pg_dump --schema-only of PROD_DATABASE_URL, sanitized, to snapshots/production.sql
  parity nightly                         dump production fresh and prove it equal; Markdown report
  parity cache clear                     remove cached snapshots (and templates on a url server)
  parity lint <source>                   report names in function bodies and defaults that resolve to nothing
  parity <command> --help                help for one command

Sources:
  legacy:<dir>[@<version>]   replay a folder of versioned .sql migrations (up to a version)
  drizzle:<dir>[@<tag>]      a drizzle-kit migrations folder, by drizzle-orm's migrator (up to a tag)
  schema:<file.ts>           a drizzle schema file, through drizzle-kit's API
  dump:<file.sql>            a schema dump (sanitized, then restored)
  url:<postgres url>         a live database, read-only
  snapshot:<file.json>       a snapshot written earlier
  <name>                     a source named in parity.config.ts

Server: embedded PostgreSQL 15 by default; PARITY_DATABASE_URL=postgres://… uses an existing server,
PARITY_SERVER=embedded|url|container chooses explicitly, PARITY_PG_MAJOR sets the major,
PARITY_CONTAINER_IMAGE the container provider's image (default postgres:<major>-alpine).
Objects of kinds schema-parity does not compare are listed under "not compared" with a warning;
--strict-coverage (config strictCoverage: true) makes them an error (exit 2).
Exit codes: 0 equal, 1 drift, 2 error.`;

export const HELP: Record<string, string> = {
  check: `parity check [--strict] [--strict-coverage] [--no-cache] [--quiet]

Builds every source of the project (migrations-legacy/ → "legacy"), snapshots it and compares it
with its committed snapshot (snapshots/<name>.snapshot.json). Prints a verdict per source and,
on drift, the difference. Exit 0 when all are equal, 1 on drift, 2 on error. Snapshots of
inputs that did not change come from .parity-cache/ (no build at all); --no-cache or
PARITY_NO_CACHE=1 builds everything. Objects of kinds that are not compared are listed per source;
--strict-coverage (or config strictCoverage) makes them an error (exit 2).`,
  refresh: `parity refresh [--dump] [--quiet]

Rebuilds every source of the project and rewrites snapshots/<name>.snapshot.json, saying for each
whether it was created, changed (and what changed) or unchanged. Every source is built before any
file is written: a failed build changes nothing. Run it after a reviewed, approved schema change;
commit the result with the change.
  --dump   first re-dump production (PROD_DATABASE_URL, as parity dump) into the file of the
           config's dump: source (snapshots/production.sql); put back if anything fails`,
  diff: `parity diff <A> <B> [--format text|markdown|json] [--strict] [--strict-coverage] [--quiet]

Snapshots two sources and reports how B differs from A: objects only in A (-), only in B (+),
changed (~). Differences are drift (exit 1) or cosmetic (reported; exit 1 only with --strict).
  <A>, <B>   any source (see parity --help), or a name from parity.config.ts
  --format   text (default; colour on a terminal), markdown (CI summaries), json (versioned)
  --strict-coverage   exit 2 when either side has objects of kinds that are not compared
             (always listed under "not compared", with a warning)`,
  adopt: `parity adopt <url:postgres://…> [--dry-run] [--baseline <name>] [--quiet]

The audit's step 3, done safely: marks the baseline migrations (config \`baseline\`, a named
drizzle:<dir>@<tag> source) as applied in drizzle.__drizzle_migrations without running them —
exactly the rows drizzle-orm's migrator writes (hash = sha256 of the file, created_at = the
journal's when), in one transaction. Refuses (exit 1, nothing written) unless the database's
snapshot equals the baseline's, and refuses rows that do not match the journal. Running it
again changes nothing. --dry-run prints the statements and writes nothing.`,
  dump: `parity dump [--url postgres://…] [-o <file>] [--allow-major-mismatch] [--quiet]

Runs a real pg_dump --schema-only of PROD_DATABASE_URL (or --url) and writes it sanitized to
snapshots/production.sql (or <file>): no owners, privileges, \\restrict lines, version comments,
provider-owned schemas (config dumpExcludeSchemas) or data — a dump with data is refused. The
same database always gives the same bytes. Needs a pg_dump of the server's major or newer:
PARITY_PG_DUMP, PATH, /usr/lib/postgresql/<major>/bin or Homebrew, else (PARITY_SERVER=container)
the one inside a postgres:<major> container; PARITY_PG_DUMP=container asks for that outright.
The server's major must be the harness's (PARITY_PG_MAJOR, default 15).`,
  nightly: `parity nightly [--out <dir>] [--strict] [--quiet]

The nightly job: dumps PROD_DATABASE_URL with pg_dump (as parity dump) into <dir> (default
nightly-out/, or NIGHTLY_OUT), compares the fresh dump with every source of the equal group that
holds "production", writes <dir>/drift-report.md (and appends it to $GITHUB_STEP_SUMMARY).
Exit 0 equal, 1 drift, 2 error.`,
  cache: `parity cache clear

Removes the snapshot cache (.parity-cache/snapshots, or PARITY_CACHE_DIR) and, when the server
is a url one (PARITY_DATABASE_URL), drops every parity_tpl_* template database the harness left
there. An embedded server's templates go with the server.`,
  lint: `parity lint <source> [--quiet]

Reports what PostgreSQL checks only when it runs: sequences named in nextval/currval/setval,
relations in '…'::regclass casts and in SQL-language bodies, in every function body and column
default, that do not exist. Exit 1 when it finds any.`,
  snapshot: `parity snapshot <source> [-o <file>] [--strict-coverage] [--quiet]

Writes the catalog snapshot (JSON) of one source to stdout, or to <file>. Objects of kinds it
does not compare are named on stderr (--strict-coverage: and exit 2).
  <source>   any source (see parity --help); url:<postgres url> is read-only and never
             starts a server`,
};
