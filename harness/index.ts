// The public API of schema-parity, for use from TypeScript/JavaScript.
export { startServer, chooseProvider, ServerStartError } from './server/index.js';
export type { PostgresServer, ProviderName, ServerOptions } from './server/index.js';
export { connect, withClient } from './server/connect.js';
export { createDatabase, dropDatabase } from './server/databases.js';
export { buildDatabase, type BuiltDatabase } from './sources/build.js';
export { legacySource, replayLegacy } from './sources/legacy.js';
export { listMigrations, parseMigrationFileName, MigrationFolderError } from './sources/migration-files.js';
export { parseSource, SourceSpecError } from './sources/parse.js';
export type { BuildableSource, LiveSource, Source } from './sources/source.js';
export * from './catalog/index.js';
export { maskUrl } from './util/redact.js';
export * from './compare/index.js';
export { danglingReferences, type DanglingReference } from './lint/dangling.js';
