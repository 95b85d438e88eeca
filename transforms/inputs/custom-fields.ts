import type { InputModel } from './input-model.ts';

/** custom_fields from config: which fields are promoted to which typed columns (for the data test that warns about fields never seen). */
export const customFieldPromotions: InputModel = {
  def: {
    name: 'custom_field_promotions',
    layer: 'input',
    file: 'config: custom_fields',
    schema: 'staging',
    materialized: 'input',
    body: '',
  },
  columns: [
    { name: 'entity', type: 'text' },
    { name: 'field', type: 'text' },
    { name: 'column_name', type: 'text' },
    { name: 'column_type', type: 'text' },
  ],
  rows: (config) => (config.custom_fields ?? []).map((f) => [f.entity, f.field, f.as, f.type]),
};
