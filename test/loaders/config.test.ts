import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { exportConfigs } from '../../loaders/index.ts';

const connection = { name: 'acme', source: 'greenhouse', credentials: { client_id: 'x', client_secret: 'y', user_id: 1 } };
const load = (exports: unknown[]) => resolveConfig({ connections: [connection], exports }, '/cfg/hirelake.yml', sources);
const loadError = (exports: unknown[]): string => {
  try {
    load(exports);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('exports config', () => {
  it('fills the documented defaults for each type', () => {
    const cfg = load([
      { name: 'warehouse', type: 'postgres', url: 'postgres://u:pw@db:5432/analytics', schema: 'recruiting' },
      { name: 'lake', type: 'parquet', path: './lake' },
      { name: 'flat', type: 'csv', path: './csv', tables: ['marts.*'] },
    ]);
    expect(exportConfigs(cfg.exports)).toEqual([
      {
        name: 'warehouse', type: 'postgres', url: 'postgres://u:pw@db:5432/analytics', schema: 'recruiting', tables: ['core.*', 'marts.*'],
        merge: ['core.applications', 'core.candidates', 'core.stage_visits', 'core.interviews', 'core.scorecards'], lock_timeout_seconds: 60,
      },
      { name: 'lake', type: 'parquet', path: './lake', tables: ['core.*', 'marts.*'], compression: 'zstd', row_group_size: 122_880, partition_by: 'connection' },
      { name: 'flat', type: 'csv', path: './csv', tables: ['marts.*'] },
    ]);
  });

  it('takes merge entries with explicit keys, and [] to swap every table', () => {
    const cfg = load([{ name: 'wh', type: 'postgres', url: 'postgres://h/db', schema: 's', merge: ['core.stage_visits', { table: 'core.offers', key: ['connection', 'offer_id'] }] }]);
    expect(exportConfigs(cfg.exports)[0]).toMatchObject({ merge: ['core.stage_visits', { table: 'core.offers', key: ['connection', 'offer_id'] }] });
    expect(exportConfigs(load([{ name: 'wh', type: 'postgres', url: 'postgres://h/db', schema: 's', merge: [] }]).exports)[0]).toMatchObject({ merge: [] });
  });

  it.each([
    [[{ name: 'wh', type: 'postgres', url: 'postgres://h/db', schema: 'Recruiting; drop table x' }], /exports\[0\]\.schema: expected a lowercase identifier/],
    [[{ name: 'Bad Name', type: 'csv', path: './x' }], /exports\[0\]\.name/],
    [[{ name: 'lake', type: 'parquet', path: './x', partition: 'connection' }], /exports\[0\]: Unrecognized key: "partition"/],
    [[{ name: 'lake', type: 'parquet', path: './x', compression: 'lzma' }], /exports\[0\]\.compression/],
    [[{ name: 'lake', type: 'parquet', path: './x', tables: ['raw.greenhouse__applications'] }], /exports\[0\]\.tables\[0\]: expected schema\.table with schema core or marts/],
    [[{ name: 'wh', type: 'postgres', url: 'postgres://h/db', schema: 's', merge: [{ table: 'core.x', key: ['a b'] }] }], /exports\[0\]\.merge\[0\]/],
    [[{ name: 'x', type: 'bigquery' }], /exports\[0\]\.type/],
    [[{ name: 'a', type: 'csv', path: './a' }, { name: 'a', type: 'csv', path: './b' }], /exports\[1\]\.name: "a" is used by two exports/],
  ])('rejects %j', (exports, message) => {
    expect(loadError(exports)).toMatch(message);
  });

  it('never echoes a URL (and its password) in a config error', () => {
    const message = loadError([{ name: 'wh', type: 'postgres', url: 'mysql://u:Sup3rSecretPw@h/db', schema: 's' }]);
    expect(message).toMatch(/exports\[0\]\.url: expected a postgres:\/\/ connection URL/);
    expect(message).not.toContain('Sup3rSecretPw');
  });
});
