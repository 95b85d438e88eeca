import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../../src/landing/raw-table.ts';
import { dialectFor } from '../../transforms/dialects/index.ts';
import { templateHelpers } from '../../transforms/helpers.ts';
import { renderTemplate } from '../../transforms/template.ts';
import { ENGINES, type TestEngine } from './fixtures.ts';

/** The per-engine helpers must give the same answers everywhere: the same .sql files run on both. */
describe.each(ENGINES)('template helpers on $kind', ({ open }) => {
  let t: TestEngine;
  const render = (sql: string) =>
    renderTemplate(
      sql,
      templateHelpers({
        dialect: dialectFor(t.engine.kind),
        schemas: t.engine.schemas,
        vendors: ['acme'],
        hasModel: () => true,
        lineage: [],
        includePii: false,
        customFields: [],
        resolveRef: (name) => {
          throw new Error(`no refs here (${name})`);
        },
        onSource: () => undefined,
      }),
    );
  const q = (sql: string) => t.engine.query(render(sql));

  beforeAll(async () => {
    t = await open();
    const table = rawTableRef(t.engine, 'acme', 'things');
    await ensureRawTable(t.engine, table);
    const at = new Date('2024-05-01T00:00:00Z');
    const payloads = [
      {
        id: 1, name: "O'Brien", flag: true, n: 42, nested: { key: 'K1' }, list: [{ v: 'first' }, { v: 'second' }], gone: null,
        fields: { level: { name: 'Level', value: 'L5' } },
        deep: { inner: { neg: -3, big: 2.5, text: '  spaced  ' } },
        arr: { items: [{ v: 'a' }, null, 'text', 5] },
        grid: [[{ v: 'x' }, { v: 'y' }], 'not a list', { k: { v: 'z' } }],
        vals: { s: 'L5', list: ['Go', "O'Caml", 'SQL'], cur: { amount: 1.5, unit: 'EUR' }, yes: true, n: 12.25, none: null },
      },
      { id: 2, name: 'Zoë', flag: false, n: 7, nested: {}, list: [], fields: [], vals: 'none' },
    ];
    await t.engine.transaction((tx) =>
      tx.bulkInsert(table, RAW_COLUMNS, payloads.map((p) => ['c1', String(p.id), at, at, 'run', false, JSON.stringify(p)])),
    );
  });
  afterAll(() => t.dispose());

  it('payload_fields: text of top-level, nested and array fields; JSON null and missing keys are SQL null', async () => {
    const rows = await q(`select _record_id, id, name, flag, n, nested_key, second, gone, missing
      from {{ payload_fields(source('acme', 'things'), 'id', 'name', 'flag', 'n', 'nested.key', 'list[1].v as second', 'gone', 'missing') }} r
      order by _record_id`);
    expect(rows).toEqual([
      { _record_id: '1', id: '1', name: "O'Brien", flag: 'true', n: '42', nested_key: 'K1', second: 'second', gone: null, missing: null },
      { _record_id: '2', id: '2', name: 'Zoë', flag: 'false', n: '7', nested_key: null, second: null, gone: null, missing: null },
    ]);
  });

  it('payload_entries: one row per key of an object with its JSON type and text; json_list_text joins arrays', async () => {
    const rows = await q(`select _record_id, _key, _type, _value, amount, {{ json_list_text('_value') }} as list
      from {{ payload_entries(source('acme', 'things'), 'vals', 'amount') }} r order by _record_id, _key`);
    expect(rows).toEqual([
      { _record_id: '1', _key: 'cur', _type: 'object', _value: expect.stringContaining('EUR'), amount: '1.5', list: null },
      { _record_id: '1', _key: 'list', _type: 'array', _value: expect.stringContaining('Go'), amount: null, list: "Go; O'Caml; SQL" },
      { _record_id: '1', _key: 'n', _type: 'number', _value: '12.25', amount: null, list: null },
      { _record_id: '1', _key: 'none', _type: 'null', _value: null, amount: null, list: null },
      { _record_id: '1', _key: 's', _type: 'string', _value: 'L5', amount: null, list: null },
      { _record_id: '1', _key: 'yes', _type: 'boolean', _value: 'true', amount: null, list: null },
    ]);
    const named = await q(`select _record_id, _key, name, value from {{ payload_entries(source('acme', 'things'), 'fields', 'name', 'value') }} r order by _key`);
    expect(named).toEqual([{ _record_id: '1', _key: 'level', name: 'Level', value: 'L5' }]);
    // A nested object; record 2 has none (no rows, no error).
    const deep = await q(`select _record_id, _key, _type, _value from {{ payload_entries(source('acme', 'things'), 'deep.inner') }} r order by _key`);
    expect(deep).toEqual([
      { _record_id: '1', _key: 'big', _type: 'number', _value: '2.5' },
      { _record_id: '1', _key: 'neg', _type: 'number', _value: '-3' },
      { _record_id: '1', _key: 'text', _type: 'string', _value: '  spaced  ' },
    ]);
  });

  it('payload_array: one row per element with its 0-based _index; nulls, scalars and non-arrays as SQL says', async () => {
    const list = await q(`select _record_id, _index, v from {{ payload_array(source('acme', 'things'), 'list', 'v') }} r order by _record_id, _index`);
    expect(list).toEqual([
      { _record_id: '1', _index: 0, v: 'first' },
      { _record_id: '1', _index: 1, v: 'second' },
    ]);
    const nested = await q(`select _record_id, _index, v, whole from {{ payload_array(source('acme', 'things'), 'arr.items', 'v', '$ as whole') }} r order by _index`);
    // JSON text is spelled per engine (Postgres puts a space after the colon): compared parsed.
    const parsed = nested.map((r) => ({ ...r, whole: typeof r['whole'] === 'string' && r['whole'].startsWith('{') ? JSON.parse(r['whole']) : r['whole'] }));
    expect(parsed).toEqual([
      { _record_id: '1', _index: 0, v: 'a', whole: { v: 'a' } },
      { _record_id: '1', _index: 1, v: null, whole: null },
      { _record_id: '1', _index: 2, v: null, whole: 'text' },
      { _record_id: '1', _index: 3, v: null, whole: '5' },
    ]);
    // Through an array index: an array inside an array, an object inside one; anything else no rows.
    expect(await q(`select _index, v from {{ payload_array(source('acme', 'things'), 'grid[0]', 'v') }} r order by _index`)).toEqual([
      { _index: 0, v: 'x' },
      { _index: 1, v: 'y' },
    ]);
    expect(await q(`select _key, v from {{ payload_entries(source('acme', 'things'), 'grid[2]', 'v') }} r`)).toEqual([{ _key: 'k', v: 'z' }]);
    expect(await q(`select _index from {{ payload_array(source('acme', 'things'), 'grid[1]') }} r`)).toEqual([]);
    expect(await q(`select _key from {{ payload_entries(source('acme', 'things'), 'grid[0]') }} r`)).toEqual([]);
    // An object (record 1's fields), an empty array (record 2's) and a string (record 2's vals): no rows.
    expect(await q(`select _record_id from {{ payload_array(source('acme', 'things'), 'fields', 'name') }} r`)).toEqual([]);
    expect(await q(`select _record_id from {{ payload_array(source('acme', 'things'), 'vals', 'name') }} r`)).toEqual([]);
  });

  it('week_start: the Monday of the UTC week', async () => {
    const [row] = await q(`select {{ week_start("cast('2024-03-03T23:59:59Z' as timestamptz)") }} as sun, {{ week_start("cast('2024-03-04T00:00:00Z' as timestamptz)") }} as mon`);
    expect(row).toEqual({ sun: new Date('2024-02-26T00:00:00Z'), mon: new Date('2024-03-04T00:00:00Z') });
  });

  it("source() reads exactly the rows of the raw zone's latest view", async () => {
    const table = rawTableRef(t.engine, 'acme', 'versions');
    await ensureRawTable(t.engine, table);
    const d = (s: string) => new Date(`2024-05-0${s}T00:00:00Z`);
    // [record, updated, extracted, deleted, marker]: newer updated wins; equal updated → later extraction;
    // equal both → the tombstone; when a version has no usable updated time, the record's versions
    // go by landing order (an undated newer version wins; a dated one landed after it wins too).
    const versions: [string, string | null, string, boolean, string][] = [
      ['a', '1', '1', false, 'a-old'], ['a', '2', '1', false, 'a-new'],
      ['b', '2', '1', false, 'b-first'], ['b', '2', '3', false, 'b-reread'],
      ['c', '2', '2', false, 'c-live'], ['c', '2', '2', true, 'c-deleted'],
      ['d', null, '5', false, 'd-undated'], ['d', '1', '1', false, 'd-dated'],
      ['e', null, '1', false, 'e-only'],
      ['f', null, '1', false, 'f-undated'], ['f', '1', '4', false, 'f-dated-later'],
    ];
    await t.engine.transaction((tx) =>
      tx.bulkInsert(table, RAW_COLUMNS, versions.map(([id, u, x, del, m]) => ['c1', id, u ? d(u) : null, d(x), 'run', del, JSON.stringify({ m })])),
    );
    const viaSource = await q(`select _record_id, _deleted, m from {{ payload_fields(source('acme', 'versions'), 'm') }} r order by _record_id`);
    expect(viaSource.map((r) => r['m'])).toEqual(['a-new', 'b-reread', 'c-deleted', 'd-undated', 'e-only', 'f-dated-later']);
    const viaView = await t.engine.query(`select _record_id, _deleted, _payload->>'m' as m from ${table.schema}.${table.table}__latest order by _record_id`);
    expect(viaSource).toEqual(viaView);
  });

  it('days_between: exact microseconds over 86 400 s, the same double on every engine', async () => {
    const [row] = await q(`select {{ days_between("cast('2024-01-01T00:00:00Z' as timestamptz)", "cast('2024-03-01T12:34:56.789012Z' as timestamptz)") }} as d,
      {{ days_between("cast('2024-03-01T00:00:00Z' as timestamptz)", "cast('2024-01-01T00:00:00.000001Z' as timestamptz)") }} as neg`);
    const us = Date.parse('2024-03-01T12:34:56.789Z') * 1000 + 12 - Date.parse('2024-01-01T00:00:00Z') * 1000;
    expect(row).toEqual({ d: us / 86_400_000_000, neg: -(60 * 86_400_000_000 - 1) / 86_400_000_000 });
  });

  it('utc_date and month_start use UTC calendar days', async () => {
    const [row] = await q(`select {{ utc_date("cast('2024-01-31T23:59:59.999999Z' as timestamptz)") }} as d,
      {{ month_start("cast('2024-02-29T23:30:00Z' as timestamptz)") }} as m,
      {{ utc_date("cast('2024-03-01T00:00:00Z' as timestamptz)") }} as midnight`);
    expect(row).toEqual({ d: new Date('2024-01-31T00:00:00Z'), m: new Date('2024-02-01T00:00:00Z'), midnight: new Date('2024-03-01T00:00:00Z') });
  });

  it('day_series: one row per day, both ends included, over a leap day', async () => {
    const rows = await q(`select cast(s.day as date) as day from {{ day_series("cast('2024-02-27' as date)", "cast('2024-03-01' as date)", 's') }} order by 1`);
    expect(rows.map((r) => (r['day'] as Date).toISOString().slice(0, 10))).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('day_series works laterally, per row of another relation', async () => {
    const rows = await q(`select t.k, count(*) as days from (select 1 as k, cast('2024-01-01' as date) as a union all select 2, cast('2024-01-03' as date)) t
      cross join lateral {{ day_series('t.a', "cast('2024-01-03' as date)", 's') }} group by t.k order by t.k`);
    expect(rows).toEqual([{ k: 1, days: 3 }, { k: 2, days: 1 }]);
  });

  it('stage_key ignores case, spaces, underscores and hyphens', async () => {
    const [row] = await q(`select {{ stage_key("'  Take  Home-Test '") }} as a, {{ stage_key("'PHONE_screen'") }} as b, {{ stage_key("'Entretien Téléphonique'") }} as c`);
    expect(row).toEqual({ a: 'takehometest', b: 'phonescreen', c: 'entretientéléphonique' });
  });

  it('sameRows: equal multisets in any order and with nulls are the same; a changed value, duplicates moved or an empty side are not', async () => {
    const d = dialectFor(t.engine.kind);
    const table = (name: string, rows: string) => t.engine.exec(`create temp table ${name} as select * from (values ${rows}) v(k, name, x)`);
    const same = async (old: string, next: string) => {
      const [n] = await t.engine.query<{ n: number }>(`select count(*) as n from ${next}`);
      const r = await t.engine.query<{ same: boolean }>(d.sameRows(old, next), [Number(n!.n)]);
      return r[0]?.same === true;
    };
    await table('s_old', "(1, 'a', 1.5), (2, null, 2.0), (2, null, 2.0), (3, 'c', null)");
    await table('s_reordered', "(3, 'c', null), (2, null, 2.0), (1, 'a', 1.5), (2, null, 2.0)");
    await table('s_changed', "(1, 'a', 1.5), (2, null, 2.0), (2, null, 2.0), (3, 'd', null)");
    await table('s_moved', "(1, 'a', 1.5), (1, 'a', 1.5), (2, null, 2.0), (3, 'c', null)");
    await t.engine.exec(`create temp table s_empty as select * from s_old where false`);
    await t.engine.exec(`create temp table s_empty2 as select * from s_old where false`);
    expect([await same('s_old', 's_reordered'), await same('s_old', 's_changed'), await same('s_old', 's_moved'), await same('s_old', 's_empty'), await same('s_empty', 's_old'), await same('s_empty', 's_empty2')]).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('ratio never divides integers and is null over zero', async () => {
    const [row] = await q(`select {{ ratio('7', '2') }} as r, {{ ratio('1', '0') }} as z, {{ ratio('null', '3') }} as n`);
    expect(row).toEqual({ r: 3.5, z: null, n: null });
  });
});
