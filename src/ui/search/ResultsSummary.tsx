/**
 * Summary of the current result: number of sites and total hectares, then small charts:
 * sites per EPCI, sites per readiness level, hectares per sector.
 */
import { useState } from 'react';
import { SECTORS } from '../../domain/sectors';
import { READINESS_LEVELS, type ReadinessLevel } from '../../domain/types';
import { useSummary } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { BarChart, type BarDatum, type BarPattern } from '../shared/charts';
import { useT } from '../i18n';
import { fmt, fmtHectares } from './format';

const LEVEL_PATTERN: Record<ReadinessLevel, BarPattern> = {
  cle_en_main: 'ok',
  a_preparer: 'dots',
  a_rehabiliter: 'hatch',
  inconnu: 'grey',
};

export function ResultsSummary() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const summary = useSummary();
  const [open, setOpen] = useState(false);
  const tOr = (key: string, fallback: string) => {
    const v = t(key);
    return v === key ? fallback : v;
  };

  const byEpci: BarDatum[] = summary.byEpci.map((b) => ({
    key: b.key || 'unknown',
    label: b.label || t('search.summary.unknownEpci'),
    value: b.count,
    display: fmt(locale, b.count),
  }));
  const byLevel: BarDatum[] = READINESS_LEVELS.filter((l) => summary.byLevel[l].count > 0).map((l) => ({
    key: l,
    label: t(`level.${l}`),
    value: summary.byLevel[l].count,
    display: fmt(locale, summary.byLevel[l].count),
    pattern: LEVEL_PATTERN[l],
  }));
  const bySector: BarDatum[] = SECTORS.filter((s) => summary.bySector[s.id].count > 0)
    .map((s) => ({
      key: s.id,
      label: tOr(`sector.${s.id}`, s[locale]),
      value: summary.bySector[s.id].ha,
      display: `${fmtHectares(locale, summary.bySector[s.id].ha)} ha`,
    }))
    .sort((a, b) => b.value - a.value);

  return (
    <section className="results-summary" aria-labelledby="results-summary-h">
      <h3 id="results-summary-h" className="sr-only">
        {t('search.summary.heading')}
      </h3>
      <p className="summary-total" data-testid="summary-total">
        {t('search.summary.total', { ha: fmtHectares(locale, summary.totalHa) })}
      </p>
      <details className="summary-charts" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('search.summary.heading')}</summary>
        {open && (
          <>
            <BarChart title={t('search.summary.byEpci')} data={byEpci} valueLabel={t('search.summary.sites')} />
            <BarChart title={t('search.summary.byLevel')} data={byLevel} valueLabel={t('search.summary.sites')} />
            {bySector.length ? (
              <BarChart title={t('search.summary.bySector')} data={bySector} valueLabel={t('search.summary.hectares')} />
            ) : (
              <p className="chart-empty">{t('search.summary.noSector')}</p>
            )}
          </>
        )}
      </details>
    </section>
  );
}
