#!/usr/bin/env node
// npm run nightly: the nightly job, exactly as CI runs it (`parity nightly`): dump production
// (PROD_DATABASE_URL) fresh, prove it equal, write the Markdown report. Exit 0 equal, 1 drift, 2 error.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/parity.js', import.meta.url));
try {
  execFileSync(process.execPath, [bin, 'nightly', ...process.argv.slice(2)], { stdio: 'inherit' });
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 2);
}
