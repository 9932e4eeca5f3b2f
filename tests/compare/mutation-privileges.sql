-- Grants and default privileges on the mutation base, for the privilege mutations (read only
-- when a mutation's rules compare privileges). The roles come from tests/support/roles.ts.
GRANT SELECT, INSERT ON public.notes TO parity_writer;
GRANT SELECT (id, status) ON public.requests TO parity_reader;
GRANT USAGE ON SCHEMA reporting TO parity_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT SELECT ON TABLES TO parity_reader;
GRANT UPDATE (mine_name) ON public.requests TO parity_writer;
