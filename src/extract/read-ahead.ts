/**
 * Yields the items of `source` while already fetching the next one, so a stream's next page is
 * on the wire while the current page is being landed. Only ever one item ahead: a page is never
 * checkpointed before it lands, so reading ahead cannot move a cursor past unlanded data.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      // Rejections surface on the next await; until then, don't report them as unhandled.
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    await it.return?.().catch(() => undefined);
  }
}
