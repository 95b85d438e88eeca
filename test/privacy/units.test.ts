// The pieces of the privacy work that need no warehouse: blanking personal fields in a payload,
// every vendor's personal-data map naming real streams, and the config rules around demographics.
import { describe, expect, it } from 'vitest';
import { blankPersonal, parsePath } from '../../src/privacy/personal-data.ts';
import { resolveConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';

describe('blankPersonal', () => {
  it('sets the named fields to null, walks arrays, and keeps everything else', () => {
    const payload = JSON.stringify({
      id: 7, name: 'Ada Lovelace', stage: 'onsite', emails: ['ada@example.com'],
      applications: [{ id: 'a1', name: 'Ada Lovelace', posting: 'p1' }, { id: 'a2', name: 'Ada L.', posting: null }],
      nested: { contact: { phone: '+1 555' }, keep: true },
    });
    const out = JSON.parse(blankPersonal(payload, ['name', 'emails', 'applications[*].name', 'nested.contact', 'absent.path'])!) as Record<string, unknown>;
    expect(out).toEqual({
      id: 7, name: null, stage: 'onsite', emails: null,
      applications: [{ id: 'a1', name: null, posting: 'p1' }, { id: 'a2', name: null, posting: null }],
      nested: { contact: null, keep: true },
    });
  });

  it('empties an array named with [*] and says when nothing changed', () => {
    expect(JSON.parse(blankPersonal('{"tags":["x","y"]}', ['tags[*]'])!)).toEqual({ tags: [] });
    expect(blankPersonal('{"name":null,"id":1}', ['name', 'missing'])).toBeNull();
  });

  it('takes every key of an object with *, but the ones it is told to keep', () => {
    const payload = JSON.stringify({ id: 'f1', submittedValues: { overall_recommendation: 'hire', detailed_feedback: 'Ada was great', why_us: 'Ada here' } });
    const out = JSON.parse(blankPersonal(payload, ['submittedValues.*'], ['submittedValues.overall_recommendation'])!) as Record<string, unknown>;
    expect(out).toEqual({ id: 'f1', submittedValues: { overall_recommendation: 'hire', detailed_feedback: null, why_us: null } });
    expect(JSON.parse(blankPersonal('{"a":[{"x":1,"y":2}]}', ['a[*].*'], ['a[*].y'])!)).toEqual({ a: [{ x: null, y: 2 }] });
    expect(blankPersonal(JSON.stringify({ submittedValues: { overall_recommendation: 'hire' } }), ['submittedValues.*'], ['submittedValues.overall_recommendation'])).toBeNull();
  });

  it('refuses a path that is not keys', () => {
    expect(() => parsePath('a..b')).toThrow(/bad personal-data path/);
    expect(() => parsePath("a'; drop table x")).toThrow(/bad personal-data path/);
  });
});

describe('personal-data maps', () => {
  for (const [name, source] of Object.entries(sources)) {
    if (!source.personalData) continue;
    it(`${name}: every stream it names exists, and every demographic stream is purged`, () => {
      const streams = new Set(source.streams.map((s) => s.name));
      const map = source.personalData!;
      expect(streams.has(map.applications.stream)).toBe(true);
      for (const s of Object.keys(map.streams)) expect(streams, s).toContain(s);
      for (const e of map.erasures) expect(streams, e.stream).toContain(e.stream);
      for (const s of Object.keys(map.notPersonal ?? {})) expect(streams, s).toContain(s);
      const exempt = new Set(Object.keys(map.notPersonal ?? {}));
      for (const s of source.streams.filter((x) => x.demographics && !exempt.has(x.name))) expect(Object.keys(map.streams), `${name}.${s.name}`).toContain(s.name);
      // Whatever holds answers is purged: only question and option lists may be exempt.
      for (const s of exempt) expect(Object.keys(map.streams), s).not.toContain(s);
      for (const spec of Object.values(map.streams)) for (const p of [...spec.personal, ...(spec.keep ?? [])]) expect(() => parsePath(p)).not.toThrow();
      for (const e of map.erasures) if (e.kind === 'stripped') for (const f of e.fields) expect(parsePath(f).every((seg) => !seg.each && seg.key !== '*'), f).toBe(true);
    });
  }
});

describe('config', () => {
  const gh = { name: 'acme', source: 'greenhouse', credentials: { client_id: 'i', client_secret: 's', user_id: '1' } };
  const load = (extra: Record<string, unknown>, conn: Record<string, unknown> = {}) =>
    resolveConfig({ connections: [{ ...gh, ...conn }], ...extra }, '/x/hirelake.yml', sources);

  it('demographics are off unless a connection sets them, and privacy.min_cell defaults to 5', () => {
    const c = load({});
    expect(c.connections[0]!.demographics).toBe(false);
    expect(c.privacy.min_cell).toBe(5);
    expect(c.raw.retention_days).toBeNull();
  });

  it('names the problem: a demographic stream without demographics, a min_cell of 1, a Workday connection without its report', () => {
    expect(() => load({}, { streams: ['applications', 'eeoc'] })).toThrow(/"eeoc" holds demographic answers, extracted only with demographics: true/);
    expect(() => load({ privacy: { min_cell: 1 } })).toThrow(/privacy\.min_cell: expected at least 2/);
    expect(() => load({ raw: { retention_days: 0 } })).toThrow(/raw\.retention_days: expected at least 1 day/);
    expect(() =>
      resolveConfig(
        { connections: [{ name: 'w', source: 'workday', host: 'h.example.com', tenant: 'acme', credentials: { username: 'u', password: 'p' }, demographics: true }] },
        '/x/hirelake.yml',
        sources,
      ),
    ).toThrow(/demographics_report: Workday demographics come from a custom report/);
  });
});
