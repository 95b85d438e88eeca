import type { InputModel } from './input-model.ts';

/** connections[].stage_mapping from config: vendor stage name → canonical stage, per connection. */
export const stageMappingOverrides: InputModel = {
  def: {
    name: 'stage_mapping_overrides',
    layer: 'input',
    file: 'config: connections[].stage_mapping',
    schema: 'staging',
    materialized: 'input',
    body: '',
  },
  columns: [
    { name: 'connection', type: 'text' },
    { name: 'stage_name', type: 'text' },
    { name: 'canonical_stage', type: 'text' },
  ],
  rows: (config) =>
    config.connections.flatMap((c) => Object.entries(c.stage_mapping ?? {}).map(([stage, canonical]) => [c.name, stage, canonical])),
};
