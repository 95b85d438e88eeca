// Custom fields promoted to typed columns (the config's `custom_fields:` block): the SQL the
// promoted_pivot / promoted_columns helpers write. Values come from core.custom_field_values; a
// field is matched by its name, else its key, and typed as configured:
//   text     value_text, else the number, date or yes/no as text
//   number   value_number (a currency field's amount)
//   date     value_date
//   boolean  value_bool
// A record with no value for the field (or a field no record has) gets null.
import { assertIdentifier, sqlString } from '../src/engine/identifiers.ts';

export interface PromotedField {
  readonly entity: string;
  readonly field: string;
  readonly as: string;
  readonly type: string;
}

const ENTITIES = new Set(['jobs', 'applications', 'candidates', 'offers', 'openings']);

function fieldsOf(fields: readonly PromotedField[], entity: string): readonly PromotedField[] {
  if (!ENTITIES.has(entity)) throw new Error(`promoted custom fields: unknown entity "${entity}"; expected one of ${[...ENTITIES].join(', ')}`);
  return fields.filter((f) => f.entity === entity);
}

function typedValue(f: PromotedField): string {
  const match = `(field_name = ${sqlString(f.field)} or field_key = ${sqlString(f.field)})`;
  switch (f.type) {
    case 'text':
      return `min(case when ${match} then coalesce(value_text, cast(value_number as text), cast(value_date as text), case when value_bool then 'true' when not value_bool then 'false' end) end)`;
    case 'number':
      return `min(case when ${match} then value_number end)`;
    case 'date':
      return `min(case when ${match} then value_date end)`;
    case 'boolean':
      return `bool_or(case when ${match} then value_bool end)`;
    default:
      throw new Error(`promoted custom field "${f.field}": unknown type "${f.type}"; expected text, number, date or boolean`);
  }
}

/** `, alias.col1, alias.col2` for the entity's promoted fields, or nothing. */
export function promotedColumns(fields: readonly PromotedField[], entity: string, alias: string): string {
  return fieldsOf(fields, entity).map((f) => `, ${alias}.${assertIdentifier(f.as, 'custom field column')}`).join('');
}

/** A derived table: connection, record_id and one typed column per promoted field of the entity. */
export function promotedPivot(fields: readonly PromotedField[], entity: string, relation: () => string): string {
  const mine = fieldsOf(fields, entity);
  if (mine.length === 0) return '(select cast(null as text) as connection, cast(null as text) as record_id where false)';
  const cols = mine.map((f) => `${typedValue(f)} as ${assertIdentifier(f.as, 'custom field column')}`);
  return `(select connection, record_id, ${cols.join(', ')}
  from ${relation()}
  where entity = ${sqlString(entity)}
  group by connection, record_id)`;
}
