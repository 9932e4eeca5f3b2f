/**
 * The roles the privilege tests grant to. Roles are cluster-wide and test files run in
 * parallel on one server: each is made by whoever comes first, never dropped (the server is
 * the run's, thrown away after it).
 */
export const TEST_ROLES = ['parity_reader', 'parity_writer', 'parity_owner', 'parity_host_admin'] as const;

export const ROLES_SQL = TEST_ROLES.map((r) => `DO $$ BEGIN CREATE ROLE ${r} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;`).join('\n');
