// The custom_fields block is checked when the config loads: an unknown entity or type, a column
// name that is no identifier or is already taken, fail with the key named, before anything runs.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { sources } from '../../extractors/index.ts';

const base = { connections: [{ name: 'acme', source: 'lever', credentials: { api_key: 'k' } }] };
const load = (custom_fields: unknown) => resolveConfig({ ...base, custom_fields }, '/srv/hirelake.yml', sources);
const errorOf = (custom_fields: unknown): string => {
  try {
    load(custom_fields);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
};

describe('custom_fields in the config', () => {
  it('accepts promoted fields and defaults to none', () => {
    expect(resolveConfig(base, '/srv/hirelake.yml', sources).custom_fields).toEqual([]);
    expect(load([{ entity: 'jobs', field: 'Level', as: 'level', type: 'text' }]).custom_fields).toEqual([{ entity: 'jobs', field: 'Level', as: 'level', type: 'text' }]);
  });

  it.each([
    [[{ entity: 'requisitions', field: 'Level', as: 'level', type: 'text' }], '/srv/hirelake.yml: custom_fields[0].entity: expected one of jobs, applications, candidates, offers, openings'],
    [[{ entity: 'jobs', field: 'Level', as: 'level', type: 'integer' }], '/srv/hirelake.yml: custom_fields[0].type: expected one of text, number, date, boolean'],
    [[{ entity: 'jobs', field: 'Level', as: 'Level', type: 'text' }], 'custom_fields[0].as: expected a lowercase column name'],
    [[{ entity: 'jobs', field: 'Level', as: 'status', type: 'text' }], 'custom_fields[0].as: is already a column of the core table'],
    [[{ entity: 'jobs', field: '  ', as: 'level', type: 'text' }], "custom_fields[0].field: expected the field's name"],
    [[{ entity: 'jobs', field: 'Level', type: 'text' }], 'custom_fields[0].as: missing'],
    [[{ entity: 'jobs', field: 'Level', as: 'level', type: 'text', default: 'L3' }], 'custom_fields[0]'],
    [
      [{ entity: 'jobs', field: 'Level', as: 'level', type: 'text' }, { entity: 'applications', field: 'Level', as: 'level', type: 'text' }],
      'custom_fields[1].as: "level" is also the column of custom_fields[0]; column names must be unique',
    ],
  ])('rejects %j', (fields, message) => {
    expect(errorOf(fields)).toContain(message);
  });
});
