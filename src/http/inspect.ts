// What a response body says that its status does not. SOAP answers every fault with HTTP 500, so
// only the body tells a rejected password or a validation error (final: retrying cannot help) from
// a server hiccup (worth another attempt); and a 2xx text body that does not parse was cut short
// in a way no Content-Length caught. Vendors that need this pass an inspector to the client; the
// retry policy itself stays vendor-neutral.

import type { HttpErrorKind } from './errors.ts';

export interface InspectedResponse {
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export type ResponseVerdict =
  /** Broken despite its status: handled like a truncated body (retried while attempts remain). */
  | { readonly action: 'retry'; readonly detail: string }
  /** Final whatever the status says: fails at once with this kind (auth stops the connection). */
  | { readonly action: 'fail'; readonly kind: HttpErrorKind; readonly detail: string };

/** Returns undefined to leave the response to the status-based policy. */
export type ResponseInspector = (res: InspectedResponse) => ResponseVerdict | undefined;
