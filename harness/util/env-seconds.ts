/**
 * A time limit given in seconds by an environment variable (`PARITY_DOCKER_TIMEOUT=0.5`), in
 * milliseconds: the default when unset; anything but a number above 0 and at most `max` is
 * refused, the message saying what the variable takes (`what`: "the seconds the Docker daemon has
 * to answer").
 */
export function secondsFromEnv(env: NodeJS.ProcessEnv, name: string, limits: { default: number; max: number; what: string }, error: (message: string) => Error = (m) => new Error(m)): number {
  const text = env[name]?.trim();
  if (!text) return limits.default * 1000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0) || seconds > limits.max) {
    throw error(`${name} is "${text}": give ${limits.what}, a number above 0 and at most ${limits.max} (default ${limits.default}).`);
  }
  return Math.round(seconds * 1000);
}
