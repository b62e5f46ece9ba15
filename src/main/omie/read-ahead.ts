/**
 * Pulls up to `depth` items of an async generator beyond the one its consumer holds, so its work (here:
 * Omie requests, one after another) goes on while the consumer handles the items already taken.
 * The source still runs one step at a time (an async generator queues its next() calls); its
 * errors reach the consumer in order, at the item where they happened. When the consumer stops
 * early, `stop` is called first (to cancel the work under way) and then the source is closed.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>, depth: number, stop: () => void): AsyncGenerator<T> {
  const queued: Promise<IteratorResult<T>>[] = [];
  let finished = false;
  const fill = () => {
    while (!finished && queued.length < depth) {
      const next = source.next();
      next.then((r) => (finished ||= r.done === true), () => (finished = true));
      queued.push(next);
    }
  };
  try {
    for (fill(); ; ) {
      const item = await (queued.shift() as Promise<IteratorResult<T>>);
      if (item.done) return;
      fill(); // `depth` items ahead while the consumer holds this one
      yield item.value;
    }
  } finally {
    if (queued.length > 0) {
      stop();
      await Promise.allSettled(queued);
    }
    await source.return(undefined as never);
  }
}
