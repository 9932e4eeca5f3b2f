// Run before each test file (vitest setupFiles): what a file's tests share is dropped after it.
import { afterAll } from 'vitest';
import { dropSnapshotDatabase } from './catalog.js';

afterAll(dropSnapshotDatabase);
