import { readFileSync } from 'node:fs';
import { validateWorkflow, type ValidationError } from '@action-validator/core';

/**
 * What action-validator finds wrong in a GitHub workflow file, [] when nothing: the library its CLI
 * runs (the CLI fails exactly when this list is not empty), in this process rather than a Node
 * process per file.
 */
export function workflowErrors(file: string): ValidationError[] {
  return validateWorkflow(readFileSync(file, 'utf8')).errors;
}
