import { describe, expect, it } from 'vitest';
import { headerDocs } from '../../loaders/model/header-docs.ts';
import { loadModelCatalog } from '../../loaders/model/catalog.ts';

describe('model docs from the header comment of a model file', () => {
  it('tells the table note from column notes by the column names, and follows continuation lines', () => {
    const body = [
      '-- marts.example: one row per connection and thing.',
      '-- materialized: table',
      '--   rate / share: hits / tries, null when nothing',
      '--   was tried at all.',
      '--   Each thing counts once.',
      '--   total: every try',
      '--     including retries.',
      '-- Prospects are excluded.',
      'select 1',
      '-- not part of the header',
    ].join('\n');
    expect(headerDocs(body, ['connection', 'rate', 'share', 'total'])).toEqual({
      description: 'one row per connection and thing. Each thing counts once. Prospects are excluded.',
      columns: {
        rate: 'hits / tries, null when nothing was tried at all.',
        share: 'hits / tries, null when nothing was tried at all.',
        total: 'every try including retries.',
      },
    });
  });

  it('reads the shipped project: docs for core and marts, and their declared keys', () => {
    const catalog = loadModelCatalog();
    expect(catalog.uniqueKeys.get('core.stage_visits')).toEqual(['visit_id']);
    const funnel = catalog.docs.doc({ schema: 'marts', name: 'funnel' }, ['connection', 'reached', 'visited']);
    expect(funnel?.description).toMatch(/^one row per connection/);
    expect(funnel?.columns['reached']).toMatch(/furthest stage/);
  });
});
