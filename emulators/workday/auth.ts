// Who is calling: WS-Security UsernameToken (`user@tenant`, PasswordText) on the SOAP service,
// HTTP Basic on RaaS (where the tenant is in the path, so the bare user name is accepted too).
import { timingSafeEqual } from 'node:crypto';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Isu {
  username: string;
  password: string;
  tenant: string;
}

function userMatches(isu: Isu, presented: string, tenant: string, allowBare: boolean): boolean {
  const at = presented.lastIndexOf('@');
  if (at === -1) return allowBare && presented.toLowerCase() === isu.username.toLowerCase();
  // User names are case-insensitive in Workday; the tenant must be the one in the URL.
  return presented.slice(0, at).toLowerCase() === isu.username.toLowerCase() && presented.slice(at + 1) === tenant && tenant === isu.tenant;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  return undefined;
}

/** Checks the UsernameToken of a parsed SOAP Header against the tenant in the URL. */
export function checkUsernameToken(isu: Isu, header: Record<string, unknown>, tenant: string): boolean {
  const security = header['Security'] as Record<string, unknown> | undefined;
  const token = security?.['UsernameToken'] as Record<string, unknown> | undefined;
  const user = str(token?.['Username']);
  const password = str(token?.['Password']);
  if (user === undefined || password === undefined) return false;
  return userMatches(isu, user.trim(), tenant, false) && same(password, isu.password);
}

export function checkBasic(isu: Isu, authorization: string | undefined, tenant: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  return userMatches(isu, decoded.slice(0, colon), tenant, true) && same(decoded.slice(colon + 1), isu.password);
}
