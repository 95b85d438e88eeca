// Scrubs secrets from any text that leaves the HTTP layer (error messages, body snippets, events).
// Two layers: exact strings we know are secret (API keys, client secrets, issued tokens) and
// patterns that look secret whatever their value (Authorization headers, Basic/Bearer tokens,
// credential-named query/form/JSON fields, URL userinfo). Patterns catch what nobody registered,
// e.g. a proxy echoing our request headers into an error body.

const MASK = '[REDACTED]';

// Shorter strings would mask ordinary words and numbers all over a message; real keys are longer.
const MIN_SECRET_LENGTH = 4;

// Parameter names that carry credentials, e.g. api_key, apiKey, access_token, client_secret,
// X-Api-Key, sig. Matched against the whole name (camelCase cursors like Ashby's syncToken pass).
const SECRET_PARAM = /^(?:[a-z0-9]+[_-])*(?:api[_-]?key|apikey|key|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|token|client[_-]?secret|secret|password|passwd|pwd|signature|sig|code|assertion)$/i;

// `Authorization: x`, `"authorization":"x"`, `authorization=x`; value runs to the end of the quoted
// string or line.
const AUTH_HEADER = /((?:proxy-)?authorization["']?\s*[:=]\s*["']?)([^"'\r\n]+)/gi;

// A credential after the scheme must look like a token (≥8 chars with a digit or one of + / = _ -)
// so prose such as "Invalid Basic Auth credentials." survives.
const SCHEME_TOKEN = /\b(Basic|Bearer)(\s+)(?=[A-Za-z0-9._~+/=-]*[0-9+/=_-])[A-Za-z0-9._~+/=-]{8,}/g;

// key=value in query strings and form bodies (start of text, after ?, &, ; or whitespace).
const PARAM_PAIR = /(^|[?&;\s])([A-Za-z0-9_.-]+)=([^&#\s"'<>]*)/g;

// "key": "value" in JSON bodies (token endpoint responses, echoed configs).
const JSON_PAIR = /("([A-Za-z0-9_.-]+)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

// scheme://user:pass@host
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

export class Redactor {
  readonly #secrets = new Set<string>();
  #sorted: string[] | null = null;

  /** Registers secrets (and their URL-encoded forms) so every later `redact()` masks them. */
  add(...secrets: ReadonlyArray<string | undefined | null>): this {
    for (const s of secrets) {
      if (!s || s.length < MIN_SECRET_LENGTH || this.#secrets.has(s)) continue;
      this.#secrets.add(s);
      const encoded = encodeURIComponent(s);
      if (encoded !== s) this.#secrets.add(encoded);
      this.#sorted = null;
    }
    return this;
  }

  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    this.#sorted ??= [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const s of this.#sorted) if (out.includes(s)) out = out.split(s).join(MASK);
    out = out.replace(AUTH_HEADER, (_m, head: string) => `${head}${MASK}`);
    out = out.replace(SCHEME_TOKEN, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`);
    out = out.replace(PARAM_PAIR, (m, lead: string, name: string) => (SECRET_PARAM.test(name) ? `${lead}${name}=${MASK}` : m));
    out = out.replace(JSON_PAIR, (m, head: string, name: string, _v: string, tail: string) =>
      SECRET_PARAM.test(name) ? `${head}${MASK}${tail}` : m,
    );
    out = out.replace(USERINFO, (_m, scheme: string) => `${scheme}${MASK}@`);
    return out;
  }
}

/**
 * Process-wide instance: auth providers register into it by default so that every log line in the
 * process can be scrubbed without threading a redactor through every call. Inject your own in tests.
 */
export const defaultRedactor = new Redactor();
