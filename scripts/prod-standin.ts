// npm run standin -- [admin url]: builds the production stand-in on a server (default: a fresh
// embedded one that stays up until Ctrl-C) and prints its URL (password masked) for PROD_DATABASE_URL.
import { buildProdStandin } from '../tests/fixtures/prod-standin/build.js';
import { startServer } from '../harness/server/index.js';
import { maskUrl } from '../harness/util/redact.js';

const server = await startServer(process.argv[2] ? { provider: 'url', url: process.argv[2] } : {});
const { url } = await buildProdStandin(server);
process.stdout.write(`production stand-in: ${maskUrl(url)}\n`);
if (server.provider === 'url') process.exit(0);
process.stdout.write('embedded server running; Ctrl-C stops it\n');
process.once('SIGINT', () => void server.stop().then(() => process.exit(0)));
