import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dumpSchemaOnly, findPgDump } from '../../harness/dump/pg-dump.js';
import { sanitizeDump } from '../../harness/dump/sanitize.js';
import { withClient } from '../../harness/server/connect.js';
import { escapeIdentifier } from '../../harness/server/pg.js';
import { restoreDump } from '../../harness/sources/dump.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

// A dump is read, committed and sent as UTF-8: bytes of another encoding must never be changed in silence.
describe('a dump and its encoding', () => {
  it('parity dump of a LATIN1 database writes UTF-8 (its text was decoded as UTF-8 and its é lost)', async () => {
    const server = testServer();
    const name = `parity_latin1_${process.pid}`;
    await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE ${escapeIdentifier(name)} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`));
    onTestFinished(() => withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)}`)).then(() => {}));
    await withClient(server.urlFor(name), (c) => c.query("CREATE TABLE café (prix text DEFAULT 'à la carte'); COMMENT ON TABLE café IS 'déjà vu'"));
    const text = sanitizeDump(await dumpSchemaOnly(await findPgDump(server.major), server.urlFor(name)));
    expect(text).toContain("CREATE TABLE public.\"café\" (\n    prix text DEFAULT 'à la carte'::text\n);");
    expect(text).toContain("COMMENT ON TABLE public.\"café\" IS 'déjà vu';");
    expect(text).not.toContain('\ufffd');
  });

  it('a dump file that is not UTF-8 is refused with its line, and nothing is restored', async () => {
    const file = join(folderWith({}), 'prod.sql');
    const latin1 = Buffer.from("--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'LATIN1';\n\n--\n-- Name: t; Type: TABLE; Schema: public; Owner: -\n--\n\nCREATE TABLE public.t (a text DEFAULT 'caf\xe9');\n\n--\n-- PostgreSQL database dump complete\n--\n", 'latin1');
    writeFileSync(file, latin1);
    const db = await scratchDatabase('restore_enc');
    onTestFinished(() => db.drop());
    const error = await rejectionOf(restoreDump(db.client, file));
    expect(error.message).toMatch(/prod\.sql:11: not valid UTF-8 \(byte 0xe9\): a dump is read as UTF-8\. Dump again with "parity dump"/);
    expect((await db.client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 't'")).rows[0].n).toBe(0);
  });
});
