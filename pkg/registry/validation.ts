// Defaulting, preparation and validation per kind come from api/ (pure functions); this adapts
// them to the registry's Strategy.
import type { KubeObject } from '../../api/meta/object.js';
import { strategyFor } from '../../api/validation-registry.js';
import type { Strategy } from './generic/strategy.js';

type Json = Parameters<NonNullable<ReturnType<typeof strategyFor>>['defaults']>[0];
const json = (o: KubeObject): Json => o as unknown as Json;

/** validationStrategy returns the kind's defaults, preparation and validation hooks. */
export function validationStrategy(apiVersion: string, kind: string): Pick<Strategy, 'defaults' | 'prepareForCreate' | 'prepareForUpdate' | 'validateCreate' | 'validateUpdate'> {
  const s = strategyFor(apiVersion, kind);
  if (!s) return {};
  return {
    defaults: (o) => s.defaults(json(o)),
    prepareForCreate: (o) => s.prepareForCreate(json(o)),
    prepareForUpdate: (o, old) => s.prepareForUpdate(json(o), json(old)),
    validateCreate: (o) => s.validateCreate(json(o)),
    validateUpdate: (o, old) => s.validateUpdate(json(o), json(old)),
  };
}
