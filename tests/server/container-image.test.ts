import { describe, expect, it } from 'vitest';
import { postgresImage } from '../../harness/server/docker.js';

describe('the postgres image of a major (container provider and container pg_dump)', () => {
  it('is the official postgres:<major>-alpine by default', () => {
    expect([15, 17].map((major) => postgresImage(major, {}))).toEqual(['postgres:15-alpine', 'postgres:17-alpine']);
  });

  it('is PARITY_CONTAINER_IMAGE with every {major} in it replaced by the major wanted (one tag per major)', () => {
    const env = { PARITY_CONTAINER_IMAGE: 'registry.local/{major}/postgres:{major}' };
    expect([15, 17].map((major) => postgresImage(major, env))).toEqual(['registry.local/15/postgres:15', 'registry.local/17/postgres:17']);
  });

  it('is PARITY_CONTAINER_IMAGE as written when it has no {major} (whatever the major: the provider refuses an image of another)', () => {
    expect(postgresImage(17, { PARITY_CONTAINER_IMAGE: 'mirror/postgres:15' })).toBe('mirror/postgres:15');
  });
});
