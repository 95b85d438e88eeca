import type { InputModel } from './input-model.ts';

/**
 * connections[] from config: each connection's source, so models can name the vendor of a row, and
 * whether it opted in to demographics (the demographic models read only those connections).
 */
export const connections: InputModel = {
  def: {
    name: 'connections',
    layer: 'input',
    file: 'config: connections[].name, source, demographics',
    schema: 'staging',
    materialized: 'input',
    body: '',
  },
  columns: [
    { name: 'connection', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'demographics', type: 'boolean' },
  ],
  rows: (config) => config.connections.map((c) => [c.name, c.source, c.demographics ?? false]),
};
