// Small statistics helpers.

/** Percentile `p` (0–100) of `values` by linear interpolation between closest ranks. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values) {
  return percentile(values, 50);
}

export function mean(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** The repetition whose `metric` is the median one (an odd count gives a real run, not a blend). */
export function medianRun(runs, metric) {
  const ok = runs.filter((r) => Number.isFinite(metric(r)));
  if (!ok.length) return runs[0];
  const sorted = [...ok].sort((a, b) => metric(a) - metric(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
