import type pg from 'pg';
import { ParityError, type ErrorFields } from '../errors.js';

/**
 * A way to build a database (pgtestdb's Migrator): `hash` names everything that decides the
 * result, `build` runs it into an empty database.
 */
export interface BuildableSource {
  readonly kind: 'legacy' | 'schema' | 'dump' | 'setup';
  /** As written by the user, e.g. `legacy:migrations-legacy@7`. */
  readonly spec: string;
  /** Short name for messages and database names (`legacy`, or the config name). */
  readonly label: string;
  hash(context?: HashContext): Promise<string>;
  build(client: pg.ClientBase, context?: BuildContext): Promise<void>;
}

/** Where a source may keep what it derives from its files to name them (the snapshot cache, when it is on). */
export interface HashContext {
  derived?: DerivedTextStore;
}

/** Text derived from a source's files, kept under a key of everything that decides it. */
export interface DerivedTextStore {
  getDerived(kind: string, key: string): string | undefined;
  setDerived(kind: string, key: string, text: string): void;
  forgetDerived(kind: string, key: string): void;
}

/** What a build may need to know about where it runs. */
export interface BuildContext {
  /** The provider of the server: on `url` (someone's server) a build must not create roles. */
  provider?: 'embedded' | 'url' | 'container';
  /** Provider-owned schemas a dump restore leaves out. */
  excludeSchemas?: readonly string[];
  /** Progress notes of a build (a file run outside a transaction, a role skipped): one line each. */
  log?: (line: string) => void;
  /** A host setup ran first (setup/): what it made exists, and a source may find it there. */
  hostSetup?: boolean;
}

/** A live database: read, never written. */
export interface LiveSource {
  readonly kind: 'url';
  readonly spec: string;
  readonly label: string;
  readonly url: string;
}

/** A snapshot file written earlier (`parity snapshot -o`, or a committed one). */
export interface SnapshotFileSource {
  readonly kind: 'snapshot';
  readonly spec: string;
  readonly label: string;
  readonly file: string;
}

/** A drizzle-kit migrations folder, up to a tag: buildable, and what `parity adopt` records. */
export interface DrizzleSource extends Omit<BuildableSource, 'kind'> {
  readonly kind: 'drizzle';
  readonly dir: string;
  readonly upTo: string | undefined;
}

/** Anything `buildDatabase` can build. */
export type Buildable = BuildableSource | DrizzleSource;

export type Source = Buildable | LiveSource | SnapshotFileSource;

/** A build failed; the message carries the source and the file:line:col. */
export class SourceBuildError extends ParityError {
  override name = 'SourceBuildError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('source-build', message, options);
  }
}
