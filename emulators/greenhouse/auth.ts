// OAuth 2.0 client-credentials as Harvest v3 does it: Basic client_id:client_secret on POST /token,
// form body grant_type=client_credentials&sub=<acting user id>, bearer tokens with an ISO expires_at.
import { randomBytes } from 'node:crypto';
import type { World } from '../world/index.ts';

export interface TokenResult {
  status: number;
  body: Record<string, unknown>;
}

export class TokenStore {
  private tokens = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  issue(authorization: string | undefined, form: URLSearchParams): TokenResult {
    if (!this.validClient(authorization)) return { status: 401, body: { error: 'invalid_client' } };
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const sub = form.get('sub') ?? '';
    const user = /^\d+$/.test(sub) ? this.world.users[Number(sub) - 1] : undefined;
    if (!user || user.disabled) return { status: 400, body: { error: 'invalid_request' } };
    const now = this.clock();
    this.sweep(now);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.tokens.set(token, expiresAt);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_at: new Date(expiresAt).toISOString() } };
  }

  /** the bearer token of a request if it is known and unexpired */
  check(authorization: string | undefined): string | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const token = m[1]!;
    const exp = this.tokens.get(token);
    return exp !== undefined && exp > this.clock() ? token : undefined;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  private validClient(authorization: string | undefined): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    return colon >= 0 && decoded.slice(0, colon) === this.clientId && decoded.slice(colon + 1) === this.clientSecret;
  }

  private sweep(now: number): void {
    if (this.tokens.size < 1000) return;
    for (const [token, exp] of this.tokens) if (exp <= now) this.tokens.delete(token);
  }
}
