import type { InputModel } from './input-model.ts';

/** connections[] from config: each connection's source, so models can name the vendor of a row. */
export const connections: InputModel = {
  def: {
    name: 'connections',
    layer: 'input',
    file: 'config: connections[].name, source',
    schema: 'staging',
    materialized: 'input',
    body: '',
  },
  columns: [
    { name: 'connection', type: 'text' },
    { name: 'source', type: 'text' },
  ],
  rows: (config) => config.connections.map((c) => [c.name, c.source]),
};
