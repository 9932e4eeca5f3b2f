import { describe, expect, it } from 'vitest';
import { maskSecretsIn, maskUrl } from '../../harness/util/redact.js';

describe('password masking', () => {
  it.each([
    ['postgres://app:s3cret@db.example:5432/prod', 'postgres://app:***@db.example:5432/prod'],
    ['postgresql://app:p%40ss@localhost/db?sslmode=require', 'postgresql://app:***@localhost/db?sslmode=require'],
    ['postgres://app@localhost/db', 'postgres://app@localhost/db'],
  ])('maskUrl(%s)', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('masks URLs and password= pairs inside free text', () => {
    const text = 'cannot reach postgres://u:hunter2@h/db and host=h password=hunter2 user=u';
    const masked = maskSecretsIn(text);
    expect(masked).not.toContain('hunter2');
    expect(masked).toContain('postgres://u:***@h/db');
    expect(masked).toContain('password=***');
  });
});
