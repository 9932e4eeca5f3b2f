// Generates a synthetic schema of N tables for the benchmark: per table a uuid primary key,
// nine columns of mixed types with defaults, a unique, a check, a foreign key to the previous
// table, two indexes (one GIN on jsonb) and a trigger; plus enums and functions.
// Usage: node scripts/synthetic-schema.mjs <tables>  (SQL on stdout), or import { syntheticSchema }.

/** The statements, in order. */
export function syntheticSchema(tables) {
  const out = [
    "CREATE TYPE bench_status AS ENUM ('new', 'active', 'paused', 'closed');",
    "CREATE TYPE bench_tier AS ENUM ('free', 'pro', 'enterprise');",
    'CREATE FUNCTION bench_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;',
    "CREATE FUNCTION bench_slug(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT lower(regexp_replace(t, '[^a-zA-Z0-9]+', '-', 'g')) $$;",
  ];
  for (let i = 1; i <= tables; i++) {
    const t = `bench_t${String(i).padStart(5, '0')}`;
    const parent = i > 1 ? `bench_t${String(i - 1).padStart(5, '0')}` : null;
    out.push(`CREATE TABLE ${t} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name varchar(200) NOT NULL DEFAULT '',
  status bench_status NOT NULL DEFAULT 'new',
  amount numeric(12,2) NOT NULL DEFAULT 0,
  quantity integer DEFAULT 1,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  tags text[] DEFAULT '{}',
  parent_id uuid${parent ? ` REFERENCES ${parent} (id) ON DELETE SET NULL` : ''},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT ${t}_code_key UNIQUE (code),
  CONSTRAINT ${t}_amount_check CHECK (amount >= 0)
);`);
    out.push(`CREATE INDEX ${t}_status_created ON ${t} (status, created_at DESC);`);
    out.push(`CREATE INDEX ${t}_data_gin ON ${t} USING gin (data);`);
    out.push(`CREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION bench_touch();`);
  }
  return out;
}

/** Creates the schema in `client`'s database, a few hundred statements per transaction. */
export async function createSyntheticSchema(client, tables) {
  const statements = syntheticSchema(tables);
  for (let i = 0; i < statements.length; i += 400) await client.query(statements.slice(i, i + 400).join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${syntheticSchema(Number(process.argv[2] ?? 100)).join('\n')}\n`);
}
