/**
 * Which cells of a comparison row hold the best value. Pure.
 *
 * Rules: a row marks its best value only when at least two sites have a known value and
 * the known values are not all equal (otherwise nothing stands out). Ties are all marked.
 */
export type Better = 'max' | 'min';

export function bestIndices(values: readonly (number | null | undefined)[], better: Better): Set<number> {
  const known: { i: number; v: number }[] = [];
  values.forEach((v, i) => {
    if (typeof v === 'number' && Number.isFinite(v)) known.push({ i, v });
  });
  const out = new Set<number>();
  if (known.length < 2) return out;
  const vs = known.map((k) => k.v);
  const target = better === 'max' ? Math.max(...vs) : Math.min(...vs);
  if (vs.every((v) => v === target)) return out;
  for (const k of known) if (k.v === target) out.add(k.i);
  return out;
}
