/** The last piece of work queued for each key; its promise settles once that work is done. */
const queues = new Map<string, Promise<void>>();

/**
 * Runs `work` once every earlier `work` queued under the same key has finished, so that read-modify-write
 * operations on one object (a role's grants, an account's config) never interleave within this process and
 * never lose each other's updates. Work under other keys runs freely. A failure releases the key as a success does.
 *
 * @example
 * ```ts
 * await exclusive(`${auth.baseUrl}|role:${id}`, async () => { const grants = await read(); await write([...grants, 'x']); });
 * ```
 */
export async function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => done);
  queues.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}
