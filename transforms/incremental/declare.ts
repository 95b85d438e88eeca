import { isIdentifier } from '../../src/engine/identifiers.ts';
import { TransformError } from '../errors.ts';

/**
 * A table model rebuilt per key: after an extract that changed a few records, only the rows of the
 * keys those records touch are built again (see scoped.ts). Declared in the model's header:
 *
 *   -- incremental_key: application_id
 *   -- incremental_input: greenhouse.applications _record_id
 *   -- incremental_input: greenhouse.application_stages application_id
 *   -- incremental_input: applications application_id
 *
 * Each `incremental_input` is a vendor stream (`vendor.stream`, read through typed staging) or a
 * model, and the field (a payload path, or `_record_id`) or column of it that holds the key. The
 * declaration promises: the model's rows of a key depend only on that input's rows holding the same
 * key (and on inputs not listed, read whole). A listed input is then read only for the keys being
 * rebuilt; a change to an input not listed rebuilds the table whole, as does anything else the
 * build cannot trace to keys. Models without the header are rebuilt whole, as before.
 *
 *   -- incremental_refresh: int_connection_activity exited_at is null
 *
 * names a model the table reads whole that changes only some of its rows: those matching the
 * condition (on the table's own columns). The declaration promises that the input changes nothing
 * else, not even which rows exist; when it changed, the keys of the rows matching the condition are
 * rebuilt too. (stage_durations: a connection's latest activity, which moves on almost every run,
 * is the "now" of the open visits' open_days, and of nothing else.)
 */
export interface IncrementalSpec {
  readonly key: string;
  readonly inputs: readonly IncrementalInput[];
  readonly refresh: readonly IncrementalRefresh[];
}

export interface IncrementalRefresh {
  /** A table model. */
  readonly name: string;
  /** SQL over the table's own columns: the rows the input can change. */
  readonly where: string;
}

export interface IncrementalInput {
  /** `vendor.stream`, or a model's name. */
  readonly name: string;
  readonly vendor?: string;
  readonly stream?: string;
  /** A payload path or `_record_id` (streams), a column (models). */
  readonly field: string;
}

/** The leading comment block's incremental declaration, or null when the model has none. */
export function incrementalSpec(body: string, file: string): IncrementalSpec | null {
  let key: string | null = null;
  const inputs: IncrementalInput[] = [];
  const refresh: IncrementalRefresh[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    const m = /^--\s*(incremental_key|incremental_input|incremental_refresh)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === 'incremental_refresh') {
      const r = /^(\S+)\s+(\S.*)$/.exec(m[2]!);
      if (!r || !isIdentifier(r[1]!)) throw new TransformError(`${file}: incremental_refresh takes a model and a condition on the table's rows, not "${m[2]}"`);
      refresh.push({ name: r[1]!, where: r[2]! });
      continue;
    }
    if (m[1] === 'incremental_key') {
      if (!isIdentifier(m[2]!)) throw new TransformError(`${file}: incremental_key must be a column name, not "${m[2]}"`);
      key = m[2]!;
      continue;
    }
    const parts = m[2]!.split(/\s+/);
    const [name, field] = parts;
    if (parts.length !== 2 || !name || !field) throw new TransformError(`${file}: incremental_input takes an input (vendor.stream or a model) and its key field, not "${m[2]}"`);
    const dot = name.split('.');
    if (dot.length > 2 || !dot.every(isIdentifier)) throw new TransformError(`${file}: incremental_input "${name}" is neither vendor.stream nor a model name`);
    inputs.push(dot.length === 2 ? { name, vendor: dot[0]!, stream: dot[1]!, field } : { name, field });
  }
  if (!key && (inputs.length > 0 || refresh.length > 0)) throw new TransformError(`${file}: incremental_input or incremental_refresh without incremental_key`);
  return key ? { key, inputs, refresh } : null;
}
