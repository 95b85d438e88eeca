import type { InputModel } from './input-model.ts';
import { stageMappingOverrides } from './stage-mapping.ts';

export const INPUT_MODELS: readonly InputModel[] = [stageMappingOverrides];
export type { InputConfig, InputModel } from './input-model.ts';
