import type { BulkColumn } from '../../src/engine/engine.ts';
import type { ModelDef } from '../project.ts';

/** What an input model needs from the config (a slice, so tests need not build a whole config). */
export interface InputConfig {
  readonly connections: readonly {
    readonly name: string;
    readonly source: string;
    readonly stage_mapping?: Readonly<Record<string, string>>;
    readonly demographics?: boolean;
  }[];
  readonly privacy?: { readonly min_cell: number };
  /** custom fields promoted to typed columns (src/config/custom-fields.ts) */
  readonly custom_fields?: readonly { readonly entity: string; readonly field: string; readonly as: string; readonly type: string }[];
}

/**
 * A table the runner fills from config rather than from SQL, so models can join settings like any
 * other relation (`ref('stage_mapping_overrides')`). Rebuilt on every run.
 */
export interface InputModel {
  readonly def: ModelDef;
  readonly columns: readonly BulkColumn[];
  rows(config: InputConfig): unknown[][];
}
