import { HirelakeError } from '../src/core/errors.ts';

/** A model, the project layout or a template is wrong; the message names the file. */
export class TransformError extends HirelakeError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super('transform', message, hint, options);
    this.name = 'TransformError';
  }
}
