// Small pure pieces: redaction, Link parsing, URL assembly, header parsing, error messages.

import { describe, expect, it } from 'vitest';
import {
  HttpError,
  Redactor,
  appendQuery,
  describeErrorBody,
  encodeRawQueryValue,
  findLink,
  parseLinkHeader,
  parseRateLimitHeaders,
  resolveUrl,
  setRawQueryParam,
} from '../../src/http/index.ts';

describe('Redactor', () => {
  it('masks registered secrets and their URL-encoded form', () => {
    const r = new Redactor().add('s3cr3t/value+x');
    expect(r.redact('a s3cr3t/value+x b s3cr3t%2Fvalue%2Bx')).toBe('a [REDACTED] b [REDACTED]');
  });

  it('ignores secrets too short to be real', () => {
    const r = new Redactor().add('', 'ab', undefined);
    expect(r.size).toBe(0);
    expect(r.redact('ab cd')).toBe('ab cd');
  });

  it('masks Authorization header values and Basic/Bearer tokens it was never told about', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Basic a2V5X2xpdmVfMTIzOg==')).toBe('Authorization: [REDACTED]');
    expect(r.redact('{"proxy-authorization":"Bearer abc.def.ghi"}')).toBe('{"proxy-authorization":"[REDACTED]"}');
    expect(r.redact('sent Bearer eyJhbGciOiJIUzI1NiJ9.x.y to it')).toBe('sent Bearer [REDACTED] to it');
    // Prose survives.
    expect(r.redact('Invalid Basic Auth credentials')).toBe('Invalid Basic Auth credentials');
    expect(r.redact('Basic settings. Bearer tokenless.')).toBe('Basic settings. Bearer tokenless.');
  });

  it('masks credential-named query, form and JSON fields, and URL userinfo', () => {
    const r = new Redactor();
    expect(r.redact('https://x.io/a?api_key=K1&page=2&access_token=T2&client_secret=S3&password=P4&token=T5')).toBe(
      'https://x.io/a?api_key=[REDACTED]&page=2&access_token=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]&token=[REDACTED]',
    );
    expect(r.redact('grant_type=client_credentials&client_secret=abc')).toBe('grant_type=client_credentials&client_secret=[REDACTED]');
    expect(r.redact('{"access_token":"tok","expires_in":3600,"refresh_token":"r"}')).toBe(
      '{"access_token":"[REDACTED]","expires_in":3600,"refresh_token":"[REDACTED]"}',
    );
    expect(r.redact('https://user:pw@host/x')).toBe('https://[REDACTED]@host/x');
    // Pagination cursors are not credentials.
    expect(r.redact('https://x.io/v3/jobs?cursor=abc&offset=%5B1%5D')).toBe('https://x.io/v3/jobs?cursor=abc&offset=%5B1%5D');
    expect(r.redact('{"syncToken":"qQW6pmNv7","nextCursor":"c"}')).toBe('{"syncToken":"qQW6pmNv7","nextCursor":"c"}');
  });
});

describe('parseLinkHeader', () => {
  it('parses Greenhouse-style headers, with or without spaces between entries', () => {
    const h =
      '<https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2>; rel="next",<https://harvest.greenhouse.io/v1/candidates?page=474&per_page=2>; rel="last"';
    expect(parseLinkHeader(h).map((l) => [l.rel, l.url])).toEqual([
      [['next'], 'https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2'],
      [['last'], 'https://harvest.greenhouse.io/v1/candidates?page=474&per_page=2'],
    ]);
  });

  it('keeps commas inside the URL and handles bare and multi-valued rels', () => {
    const h = '<https://h/v3/jobs?ids=1,2,3&cursor=eyJ9>;rel=next, </prev>; rel="prev first"; title="a, b"';
    expect(findLink(h, 'next')).toBe('https://h/v3/jobs?ids=1,2,3&cursor=eyJ9');
    expect(findLink(h, 'first')).toBe('/prev');
    expect(parseLinkHeader(h)[1]?.params['title']).toBe('a, b');
    expect(findLink(undefined, 'next')).toBeUndefined();
    expect(findLink('<https://h/x>; rel="last"', 'next')).toBeUndefined();
  });
});

describe('URL assembly', () => {
  it('appends paths to the base URL path', () => {
    expect(resolveUrl('/applications', 'https://harvest.greenhouse.io/v3/')).toBe('https://harvest.greenhouse.io/v3/applications');
    expect(resolveUrl('https://other/x?y=1', 'https://base')).toBe('https://other/x?y=1');
    expect(() => resolveUrl('/x')).toThrow(/baseUrl/);
  });

  it('encodes query values and skips undefined ones, keeping existing query text verbatim', () => {
    expect(appendQuery('https://h/p?a=%5B', { b: 'gte|2024-01-01T00:00:00Z', c: undefined, d: 5, e: true })).toBe(
      'https://h/p?a=%5B&b=gte%7C2024-01-01T00%3A00%3A00Z&d=5&e=true',
    );
  });

  it('passes an already-encoded token through without double-encoding', () => {
    const token = '%5B3%2C1491435120000%2C%225599cc20-349f-4b60-b531-6fe31e329717%22%5D';
    expect(encodeRawQueryValue(token)).toBe(token);
    expect(encodeRawQueryValue('[1,"a b"]&x')).toBe('%5B1%2C%22a%20b%22%5D%26x');
    expect(encodeRawQueryValue('100%')).toBe('100%25');
    expect(setRawQueryParam('https://h/v1/opportunities?limit=2&offset=old', 'offset', token)).toBe(
      `https://h/v1/opportunities?limit=2&offset=${token}`,
    );
  });
});

describe('rate-limit headers', () => {
  it('parses limit, remaining and reset in all three reset styles', () => {
    const now = 1_800_000_000_000;
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1800000030' }, now)).toEqual({
      limit: 50,
      remaining: 3,
      resetAt: now + 30_000,
    });
    expect(parseRateLimitHeaders({ 'ratelimit-reset': '12' }, now)).toEqual({ resetAt: now + 12_000 });
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset': String(now + 500) }, now)).toEqual({ resetAt: now + 500 });
  });
});

describe('HttpError', () => {
  it('formats a message naming method, URL, status, server reason and attempts', () => {
    const e = new HttpError(
      {
        kind: 'forbidden',
        method: 'GET',
        url: 'http://host/v3/offers',
        status: 403,
        attempts: 1,
        body: '{"errors":["missing scope harvest:offers:list"]}',
      },
      new Redactor(),
    );
    expect(e.message).toBe('GET http://host/v3/offers → 403 Forbidden: missing scope harvest:offers:list (after 1 attempt)');
    expect(e.transient).toBe(false);
  });

  it('describes the error bodies of each vendor', () => {
    expect(describeErrorBody('{"code":"NotFoundError","message":"That requisition field doesn\'t exist"}')).toBe(
      "NotFoundError: That requisition field doesn't exist",
    );
    expect(describeErrorBody('{"error":"invalid_client","error_description":"Client authentication failed"}')).toBe(
      'invalid_client: Client authentication failed',
    );
    expect(describeErrorBody('{"message":"Validation error","errors":[{"message":"Must be one of: candidate, prospect","field":"type"}]}')).toBe(
      'Validation error (type: Must be one of: candidate, prospect)',
    );
    expect(
      describeErrorBody('{"success":false,"errors":["sync_token_expired"],"errorInfo":{"code":"sync_token_expired","message":"Sync token expired"}}'),
    ).toBe('sync_token_expired: Sync token expired (sync_token_expired)');
    expect(describeErrorBody('<html><title>502 Bad Gateway</title></html>')).toBe('502 Bad Gateway');
  });

  it('caps the body snippet at 500 chars and redacts it before cutting', () => {
    const r = new Redactor().add('SECRETSECRET');
    const e = new HttpError({ kind: 'server', method: 'GET', url: 'http://h/?api_key=SECRETSECRET', status: 500, attempts: 8, body: `${'x'.repeat(495)}SECRETSECRET` }, r);
    expect(e.bodySnippet?.length).toBe(500);
    expect(e.bodySnippet).not.toContain('SECRET');
    expect(e.url).toBe('http://h/?api_key=[REDACTED]');
    expect(e.transient).toBe(true);
  });
});
