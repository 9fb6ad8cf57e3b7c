/**
 * Surface range: a histogram of the sites per surface class (log scale), a dual-thumb
 * slider made of two real <input type="range"> (keyboard-accessible), and two numeric
 * fields, with a m² / ha unit switch. The store always holds m².
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { useAtlas } from '../../state/store';
import { useFullSurfaceHistogram, useSurfaceHistogram } from '../../state/selectors';
import { Histogram, type HistogramBin } from '../shared/charts';
import { useT } from '../i18n';
import { fmtSurface, inputNumber } from './format';
import { NumberField } from './NumberField';

type Unit = 'm2' | 'ha';
const STEPS = 200;

/** Rounds to 2 significant digits so slider values read well (12 345 → 12 000). */
function nice(v: number): number {
  if (v <= 0) return 0;
  const p = Math.pow(10, Math.floor(Math.log10(v)) - 1);
  return Math.round(v / p) * p;
}

export function SurfaceFilter() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const min = useAtlas((s) => s.filters.surfaceMin);
  const max = useAtlas((s) => s.filters.surfaceMax);
  const setFilters = useAtlas((s) => s.setFilters);
  const full = useFullSurfaceHistogram();
  const current = useSurfaceHistogram();
  const [unit, setUnit] = useState<Unit>('ha');
  const id = useId();

  const edges = full.edges;
  const lo = edges.length ? Math.max(1, edges[0]) : 1;
  const hi = edges.length ? Math.max(lo * 10, edges[edges.length - 1]) : 1e7;
  const toPos = useCallback(
    (v: number | null, end: 'min' | 'max') => {
      if (v === null) return end === 'min' ? 0 : STEPS;
      const r = (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
      return Math.min(STEPS, Math.max(0, Math.round(r * STEPS)));
    },
    [lo, hi],
  );
  const fromPos = useCallback(
    (pos: number, end: 'min' | 'max'): number | null => {
      if (end === 'min' && pos <= 0) return null;
      if (end === 'max' && pos >= STEPS) return null;
      return nice(Math.exp(Math.log(lo) + (pos / STEPS) * (Math.log(hi) - Math.log(lo))));
    },
    [lo, hi],
  );

  const minPos = toPos(min, 'min');
  const maxPos = toPos(max, 'max');

  // Counts of the current result (other filters applied) on the fixed classes of all sites.
  const bins: HistogramBin[] = useMemo(() => {
    const sameEdges = current.edges.length === edges.length && current.edges.every((e, i) => e === edges[i]);
    const counts = sameEdges ? current.counts : full.counts;
    return counts.map((count, i) => {
      const from = edges[i];
      const to = edges[i + 1];
      return {
        label: t('search.surface.bin', { from: fmtSurface(locale, from), to: fmtSurface(locale, to) }),
        count,
        active: (min === null || to > min) && (max === null || from < max),
      };
    });
  }, [current, full, edges, min, max, locale, t]);

  const factor = unit === 'ha' ? 10000 : 1;
  /** Typed value → m², to the cm² (keeps the URL free of floating-point noise). */
  const toM2 = (n: number) => Math.round(n * factor * 100) / 100;
  const unitLabel = t(unit === 'ha' ? 'search.unit.ha' : 'search.unit.m2');
  const format = useCallback((v: number) => inputNumber(locale, v, unit === 'ha' ? 4 : 0), [locale, unit]);
  const valueText = (v: number | null) => (v === null ? t('search.surface.sliderNone') : fmtSurface(locale, v));

  return (
    <fieldset className="filter-group surface-filter">
      <legend>{t('search.surface.legend')}</legend>
      <div className="unit-switch" role="radiogroup" aria-label={t('search.surface.unit')}>
        {(['ha', 'm2'] as Unit[]).map((u) => (
          <label key={u}>
            <input type="radio" name={`${id}-unit`} value={u} checked={unit === u} onChange={() => setUnit(u)} />
            {t(u === 'ha' ? 'search.unit.ha' : 'search.unit.m2')}
          </label>
        ))}
      </div>
      <Histogram title={t('search.surface.histogram')} bins={bins} categoryLabel={t('search.surface.legend')} valueLabel={t('search.summary.sites')} />
      <div className="dual-range" style={{ ['--min' as string]: minPos / STEPS, ['--max' as string]: maxPos / STEPS }}>
        <div className="dual-range-track" aria-hidden="true" />
        <input
          type="range"
          min={0}
          max={STEPS}
          step={1}
          value={minPos}
          aria-label={t('search.surface.min')}
          aria-valuetext={valueText(min)}
          onChange={(e) => {
            const pos = Math.min(Number(e.target.value), maxPos);
            setFilters({ surfaceMin: fromPos(pos, 'min') });
          }}
        />
        <input
          type="range"
          min={0}
          max={STEPS}
          step={1}
          value={maxPos}
          aria-label={t('search.surface.max')}
          aria-valuetext={valueText(max)}
          onChange={(e) => {
            const pos = Math.max(Number(e.target.value), minPos);
            setFilters({ surfaceMax: fromPos(pos, 'max') });
          }}
        />
      </div>
      <div className="range-values" aria-hidden="true">
        <span>{min === null ? fmtSurface(locale, lo) : fmtSurface(locale, min)}</span>
        <span>{max === null ? fmtSurface(locale, hi) : fmtSurface(locale, max)}</span>
      </div>
      <div className="number-pair">
        <NumberField
          label={t('search.surface.minInput', { unit: unitLabel })}
          value={min === null ? null : min / factor}
          format={format}
          onCommit={(n) => setFilters({ surfaceMin: n === null ? null : toM2(n) })}
        />
        <NumberField
          label={t('search.surface.maxInput', { unit: unitLabel })}
          value={max === null ? null : max / factor}
          format={format}
          onCommit={(n) => setFilters({ surfaceMax: n === null ? null : toM2(n) })}
        />
      </div>
    </fieldset>
  );
}
