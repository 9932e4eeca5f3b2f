// Run before each test file (vitest setupFiles): what a file's tests share is dropped after it.
import { afterAll } from 'vitest';
import { esbuildUrl } from '../../harness/util/esbuild-bundle.js';
import { dropSnapshotDatabase } from './catalog.js';

afterAll(dropSnapshotDatabase);

// esbuild's API starts its service process in the folder the process was in when the API was
// first loaded, for as long as the process lives. A worker runs many files (isolate: false) and
// the in-process CLI runs chdir into temp folders that are removed after: loaded first there,
// every later bundle (a schema: source's compiled copy, a TypeScript config) would fail to start
// and fall back to tsx. Loaded here first, from the repository, as a CLI process would.
await import(esbuildUrl());
