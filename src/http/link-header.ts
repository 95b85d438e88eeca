// RFC 8288 `Link` header parsing, tolerant of what ATS APIs actually send: entries joined by ","
// with or without spaces, commas inside the <URL> (Greenhouse `ids=1,2,3`), quoted or bare
// parameters, and several space-separated rel values.

export interface LinkEntry {
  url: string;
  /** Lower-cased rel values; `rel="next last"` gives ['next', 'last']. */
  rel: string[];
  params: Record<string, string>;
}

const ENTRY = /<([^>]*)>((?:\s*;\s*[^\s=;,]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,"\s]*))?)*)/g;
const PARAM = /;\s*([^\s=;,]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,"\s]*)))?/g;

export function parseLinkHeader(header: string | undefined | null): LinkEntry[] {
  if (!header) return [];
  const out: LinkEntry[] = [];
  for (const m of header.matchAll(ENTRY)) {
    const params: Record<string, string> = {};
    for (const p of (m[2] ?? '').matchAll(PARAM)) {
      const name = (p[1] ?? '').toLowerCase();
      // RFC 8288: only the first occurrence of a parameter counts.
      if (name && !(name in params)) params[name] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    }
    const rel = (params['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    out.push({ url: (m[1] ?? '').trim(), rel, params });
  }
  return out;
}

/** URL of the first link with the given rel, as written in the header (not resolved). */
export function findLink(header: string | undefined | null, rel: string): string | undefined {
  const want = rel.toLowerCase();
  return parseLinkHeader(header).find((l) => l.rel.includes(want))?.url;
}
