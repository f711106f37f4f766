// Latency summaries and the side-by-side table the store benchmark prints.

/** percentile is the nearest-rank percentile of already sorted samples (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summary is what one benchmark cell reports. */
export interface Summary {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/** summarize sorts the samples in place (they can be millions; a copy would double the memory). */
export function summarize(samples: number[], seconds: number): Summary {
  samples.sort((a, b) => a - b);
  return {
    count: samples.length,
    perSecond: seconds > 0 ? samples.length / seconds : 0,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length > 0 ? (samples[samples.length - 1] as number) : Number.NaN,
  };
}

/** fmt prints a figure with a precision that suits its size, so the table stays narrow. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (n >= 100) return Math.round(n).toString();
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Row compares one figure for the two stores; higherIsBetter decides how the ratio reads. */
export interface Row {
  label: string;
  ours: number;
  etcd: number;
  higherIsBetter: boolean;
}

/** markdownTable renders the rows as a Markdown table, so the output can go into docs as is. */
export function markdownTable(rows: readonly Row[]): string {
  const header = ['workload', 'LevelStore', 'etcd', 'LevelStore vs etcd'];
  const body = rows.map((r) => [r.label, fmt(r.ours), fmt(r.etcd), verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ') + ' |';
  const rule = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  return [line(header), rule, ...body.map(line)].join('\n');
}

function verdict(r: Row): string {
  if (!Number.isFinite(r.ours) || !Number.isFinite(r.etcd) || r.ours <= 0 || r.etcd <= 0) return 'n/a';
  // Always express it as "x times better/worse" so that rows of both kinds read the same way.
  const ratio = r.higherIsBetter ? r.ours / r.etcd : r.etcd / r.ours;
  return ratio >= 1 ? `${ratio.toFixed(2)}× better` : `${(1 / ratio).toFixed(2)}× worse`;
}
