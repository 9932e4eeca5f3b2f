/**
 * Connection strings are printed with the password masked, everywhere: every
 * message that may carry a URL goes through these helpers.
 */

const MASK = '***';

/** `postgres://app:secret@host/db` → `postgres://app:***@host/db`. Non-URLs are returned unchanged. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    return parsed.toString();
  } catch {
    return maskSecretsIn(url);
  }
}

/** Masks the password of every `scheme://user:password@` and every `password=…` found in free text. */
export function maskSecretsIn(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/gi, `$1${MASK}@`)
    .replace(/(password\s*=\s*)('[^']*'|[^\s&]+)/gi, `$1${MASK}`);
}
