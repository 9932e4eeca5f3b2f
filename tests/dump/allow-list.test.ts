import { describe, expect, it } from 'vitest';
import { refusalOf, restoreRole } from '../../harness/dump/allow-list.js';
import { splitStatements } from '../../harness/sql/statements.js';

// The check on one statement (no server): each refused form runs a function during a restore;
// each accepted one is what pg_dump writes for PostgreSQL 14–18.
const refusal = (sql: string) => refusalOf(splitStatements(sql)[0]!);

describe('the dump allow-list, statement by statement', () => {
  it.each([
    ['SET SESSION of a setting (SESSION is only for SESSION AUTHORIZATION)', 'SET SESSION standard_conforming_strings = off;'],
    ['CREATE TABLE … AS behind a quote in a comment', "CREATE TABLE public.x -- it's\nAS SELECT public.doit() AS a -- '\n;"],
    ['an alias of a client-only encoding', "SET client_encoding = 'WIN932';"],
    ['another alias', "SET client_encoding = 'Shift_JIS';"],
    ['a column named generated, added with a default', 'ALTER TABLE public.t ADD generated integer DEFAULT public.evil();'],
    ['a type change without the word COLUMN', 'ALTER TABLE public.t ALTER c TYPE bigint USING public.evil();'],
    ['a type change as SET DATA TYPE', 'ALTER TABLE public.t ALTER COLUMN c SET DATA TYPE bigint USING public.evil();'],
    ['a column added after a constraint, in one statement', 'ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id), ADD c integer DEFAULT public.evil();'],
    ['a function named with Unicode escapes (pg_dump writes plain double quotes)', 'CREATE FUNCTION public.U&"\\0066" () RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;'],
    ['a table of pg_catalog named with Unicode escapes', 'ALTER TABLE U&"pg_catalog".pg_class OWNER TO x;'],
  ])('refuses %s', (_name, sql) => {
    expect(refusal(sql)).toBeDefined();
  });

  it.each([
    ['a table named add, its primary key', 'ALTER TABLE ONLY public.add ADD CONSTRAINT add_pkey PRIMARY KEY (id);'],
    ['a foreign key on a column named add', 'ALTER TABLE ONLY public.t ADD CONSTRAINT t_add_fkey FOREIGN KEY (add) REFERENCES public.u(id);'],
    ['a default calling a function named add', 'ALTER TABLE ONLY public.t ALTER COLUMN a SET DEFAULT public.add(1, 2);'],
    ['an identity', 'ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (\n    SEQUENCE NAME public.t_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1\n);'],
    ['a NOT NULL constraint of PostgreSQL 18', 'ALTER TABLE public.t ADD CONSTRAINT t_a_not_null NOT NULL a NOT VALID;'],
    ['a bit-string partition bound', "ALTER TABLE ONLY public.p ATTACH PARTITION public.p1 FOR VALUES IN (B'101');"],
    ['a timestamp range bound and a NULL list', "ALTER TABLE ONLY public.p ATTACH PARTITION public.p2 FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2021-01-01 00:00:00+00');"],
    ['the database encoding', "SET client_encoding = 'LATIN1';"],
    ['SET SESSION AUTHORIZATION', "SET SESSION AUTHORIZATION 'app';"],
    ['statistics and storage of a column', 'ALTER TABLE ONLY public.t ALTER COLUMN a SET STATISTICS 500;'],
  ])('accepts %s', (_name, sql) => {
    expect(refusal(sql)).toBeUndefined();
  });
});

describe('how a restore runs each statement, read on its tokens', () => {
  it.each([
    ['ALTER TABLE public.t OWNER TO app;', 'access'],
    ['GRANT SELECT ON TABLE public.t TO reader;', 'access'],
    ['ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT SELECT ON TABLES TO reader;', 'access'],
    ['CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;', 'superuser'],
    ["COMMENT ON EXTENSION citext IS 'case-insensitive text';", 'superuser'],
    ['CREATE OPERATOR CLASS public.c FOR TYPE integer USING btree AS OPERATOR 1 <;', 'superuser'],
    ['CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION public.f();', 'event trigger'],
    ['CREATE TABLE public.t (owner text);', undefined],
    ['ALTER TABLE ONLY public.t ADD CONSTRAINT t_x EXCLUDE USING btree ((id + public.imm(1)) WITH =) -- OWNER TO postgres\n;', undefined],
    ["COMMENT ON TABLE public.t IS 'ALTER EXTENSION x OWNER TO y';", undefined],
  ])('%s → %s', (sql, role) => {
    expect(restoreRole(splitStatements(sql)[0]!.text)).toBe(role);
  });
});
