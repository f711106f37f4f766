// The default values of a flag set, as a role would get them with no flags given.
import type { FlagSet, FlagValues } from '../../pkg/util/flags.js';

/** defaults returns every flag's default. */
export function defaults<S extends FlagSet>(set: S): FlagValues<S> {
  return Object.fromEntries(Object.entries(set).map(([k, spec]) => [k, structuredClone(spec.default)])) as FlagValues<S>;
}
