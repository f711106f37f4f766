// iptables-restore input for going from the applied chains to the desired ones. Run with
// --noflush, it touches only what it names: a declared chain is flushed and refilled, an
// undeclared one is left alone, so an endpoint change rewrites a handful of chains instead of the
// whole table, and the kernel swaps each table in one atomic commit.
import type { Chains, RuleSet, Table } from './rules.js';

// nat before filter: each table commits on its own, and when a service gets its first endpoint
// the DNAT must exist before the REJECT goes, or a SYN in between creates a conntrack entry
// without NAT that its retransmits then follow into nowhere.
const TABLES: Table[] = ['nat', 'filter'];

/** RestorePlan is the restore input plus what it changes. */
export interface RestorePlan {
  /** '' when nothing changes */
  text: string;
  /** chains (re)written */
  written: number;
  /** chains deleted */
  deleted: number;
}

const same = (a: string[] | undefined, b: string[]): boolean => a !== undefined && a.length === b.length && a.every((r, i) => r === b[i]);

/**
 * restorePlan compares desired with applied (undefined: nothing is known, write everything) and
 * deletes leftovers: chains applied before but no longer desired, plus stale (our chains found
 * on the machine, e.g. from an earlier run).
 */
export function restorePlan(desired: RuleSet, applied: RuleSet | undefined, stale: Partial<Record<Table, readonly string[]>> = {}): RestorePlan {
  let text = '';
  let written = 0;
  let deleted = 0;
  for (const table of TABLES) {
    const want: Chains = desired[table];
    const have: Chains | undefined = applied?.[table];
    const write = [...want.keys()].filter((c) => !same(have?.get(c), want.get(c) as string[]));
    const gone = new Set([...(have?.keys() ?? []), ...(stale[table] ?? [])].filter((c) => !want.has(c)));
    if (write.length === 0 && gone.size === 0) continue;
    const lines = [`*${table}`];
    // Declaring a chain creates it or, under --noflush, empties it; deleting needs it empty first.
    for (const c of [...write, ...gone]) lines.push(`:${c} - [0:0]`);
    for (const c of write) lines.push(...(want.get(c) as string[]));
    for (const c of gone) lines.push(`-X ${c}`);
    lines.push('COMMIT');
    text += `${lines.join('\n')}\n`;
    written += write.length;
    deleted += gone.size;
  }
  return { text, written, deleted };
}

/** chainsWithPrefix lists the chains of an iptables-save dump whose names start with prefix + "-". */
export function chainsWithPrefix(save: string, prefix: string): string[] {
  return save.split('\n').filter((l) => l.startsWith(`:${prefix}-`)).map((l) => l.slice(1).split(' ')[0] as string);
}

/** hooksInto lists the rules of built-in chains (as -A lines) that jump to a chain with prefix + "-". */
export function hooksInto(save: string, prefix: string): string[] {
  return save.split('\n').filter((l) => /^-A [A-Z]+ /.test(l) && !l.startsWith(`-A ${prefix}-`) && new RegExp(`-j ${prefix}-[A-Z0-9-]+(\\s|$)`).test(l));
}
