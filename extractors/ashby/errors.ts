import { HttpError } from '../../src/http/index.ts';

export interface AshbyError {
  readonly code: string;
  readonly message: string;
}

/** The `success: false` envelope's error (`errorInfo`, else the first of `errors`), if `text` is one. */
export function ashbyErrorOf(text: string): AshbyError | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object' || (body as { success?: unknown }).success !== false) return undefined;
  const b = body as { errorInfo?: { code?: unknown; message?: unknown } | null; errors?: unknown };
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  const code = typeof b.errorInfo?.code === 'string' ? b.errorInfo.code : typeof first === 'string' ? first : 'unknown_error';
  const message =
    typeof b.errorInfo?.message === 'string' ? b.errorInfo.message
      : first && typeof first === 'object' && typeof (first as { message?: unknown }).message === 'string' ? (first as { message: string }).message
        : 'Ashby returned an error without a message';
  return { code, message };
}

/**
 * The Ashby error code an HttpError carries: inspectAshby puts it first in the detail (the body
 * snippet alone will not do: redaction masks JSON "code" values, an OAuth parameter name).
 */
export function ashbyErrorCode(err: unknown): string | undefined {
  if (!(err instanceof HttpError)) return undefined;
  const fromDetail = /→ \d{3} [^:]*: ([a-z_]+):/.exec(err.message)?.[1];
  if (fromDetail) return fromDetail;
  const e = err.bodySnippet ? ashbyErrorOf(err.bodySnippet) : undefined;
  return e && e.code !== '[REDACTED]' ? e.code : undefined;
}
