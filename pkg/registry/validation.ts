// Defaulting and validation per kind come from api/ (pure functions); this adapts them to Strategy.
import type { Strategy } from './generic/strategy.js';

/** validationStrategy returns the defaults and validation hooks for apiVersion/kind. */
export function validationStrategy(_apiVersion: string, _kind: string): Pick<Strategy, 'defaults' | 'validateCreate' | 'validateUpdate'> {
  return {};
}
