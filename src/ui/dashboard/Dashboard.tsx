/**
 * Dashboard of the current selection (the sites kept by the search filters): hectares by
 * EPCI, by readiness level and by sector, and friches by status. Small SVG bar charts
 * (src/ui/charts), each an image with a title and a text table equivalent.
 */
import { useMemo } from 'react';
import { useSummary } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { BarChart } from '../charts';
import { useT } from '../i18n';
import { fmtHa, fmtNumber } from '../sheet/format';
import { sectorName } from '../sheet/labels';
import { dashboardBars } from './data';
import './dashboard.css';

export function Dashboard({ headingLevel = 3 }: { headingLevel?: 2 | 3 | 4 }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const summary = useSummary();
  const bars = useMemo(
    () =>
      dashboardBars(summary, {
        level: (l) => t(`level.${l}`),
        sector: (id) => sectorName(id, locale),
        epciUnknown: t('dashboard.epciUnknown'),
        statusUnknown: t('dashboard.statusUnknown'),
        ha: (ha) => fmtHa(locale, ha * 10000),
        withCount: (label, n) => t('dashboard.withCount', { label, n: fmtNumber(locale, n) }),
        sites: (n) => t('dashboard.sites', { n: fmtNumber(locale, n) }),
      }),
    [summary, t, locale],
  );
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
      <H id="dashboard-title">{t('dashboard.title')}</H>
      <p className="muted small">{t('dashboard.intro')}</p>
      {summary.count === 0 ? (
        <p>{t('dashboard.empty')}</p>
      ) : (
        <>
          <p className="dashboard-total">
            {t('dashboard.total', { count: fmtNumber(locale, summary.count), ha: fmtHa(locale, summary.totalHa * 10000) })}{' '}
            {summary.unknownSurface > 0 && t('dashboard.unknownSurface', { n: summary.unknownSurface })}{' '}
            {summary.fictitious > 0 && t('dashboard.fictitious', { n: summary.fictitious })}
          </p>
          <div className="dashboard-grid">
            <BarChart
              title={t(summary.availability.disponible === summary.count ? 'dashboard.byEpciAvailable' : 'dashboard.byEpci')}
              data={bars.byEpci} categoryLabel={t('dashboard.colEpci')} valueLabel={t('dashboard.colHa')} />
            <BarChart title={t('dashboard.byLevel')} data={bars.byLevel} categoryLabel={t('dashboard.colLevel')} valueLabel={t('dashboard.colHa')} />
            <div>
              <BarChart title={t('dashboard.bySector')} data={bars.bySector} categoryLabel={t('dashboard.colSector')} valueLabel={t('dashboard.colHa')} />
              {bars.bySector.length > 1 && <p className="muted small">{t('dashboard.bySectorNote')}</p>}
            </div>
            <BarChart
              title={t('dashboard.frichesByStatus')}
              data={bars.frichesByStatus}
              categoryLabel={t('dashboard.colStatus')}
              valueLabel={t('dashboard.colCount')}
            />
          </div>
        </>
      )}
    </section>
  );
}
