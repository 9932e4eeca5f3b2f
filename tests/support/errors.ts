/** The Error `promise` rejects with; fails the test when it resolves or rejects with a non-Error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error, got a rejection with ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}
