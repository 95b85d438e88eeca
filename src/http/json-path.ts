// Dotted paths into parsed JSON ("data", "results", "meta.next"). Deliberately tiny: vendor
// envelopes are shallow, and a full JSONPath would invite cleverness in stream definitions.

/** Value at `path`; '' is the root. Undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
