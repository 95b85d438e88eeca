import type { InputModel } from './input-model.ts';
import { connections } from './connections.ts';
import { privacySettings } from './privacy.ts';
import { stageMappingOverrides } from './stage-mapping.ts';
import { customFieldPromotions } from './custom-fields.ts';

export const INPUT_MODELS: readonly InputModel[] = [stageMappingOverrides, connections, privacySettings, customFieldPromotions];
export type { InputConfig, InputModel } from './input-model.ts';
