import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (what ALTER ROLE … PASSWORD
 * '<verifier>' takes as it is), with `iterations` rounds of PBKDF2. A client runs those rounds on
 * every connection (~2 ms of CPU at the server's 4096, for each of the hundreds of connections a
 * run makes); they only slow the guessing of a weak password from a stolen verifier, which a
 * random 128-bit one does not need. `password` must be ASCII without spaces or controls (hex):
 * SASLprep leaves it as it is.
 */
export function scramVerifier(password: string, iterations: number): string {
  if (!/^[\x21-\x7e]+$/.test(password)) throw new Error('scramVerifier: the password must be printable ASCII without spaces');
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
