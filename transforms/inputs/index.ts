import type { InputModel } from './input-model.ts';
import { connections } from './connections.ts';
import { privacySettings } from './privacy.ts';
import { stageMappingOverrides } from './stage-mapping.ts';

export const INPUT_MODELS: readonly InputModel[] = [stageMappingOverrides, connections, privacySettings];
export type { InputConfig, InputModel } from './input-model.ts';
