import type { InputModel } from './input-model.ts';

/** privacy.min_cell from config: the small-cell threshold of the demographic marts (one row). */
export const privacySettings: InputModel = {
  def: {
    name: 'privacy_settings',
    layer: 'input',
    file: 'config: privacy.min_cell',
    schema: 'staging',
    materialized: 'input',
    body: '',
  },
  columns: [{ name: 'min_cell', type: 'integer' }],
  rows: (config) => [[config.privacy?.min_cell ?? 5]],
};
