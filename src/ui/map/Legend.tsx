/** Map legend with feature counts (e.g. « 163 communes », « 4 EPCI », « 23 friches »). */
import type { FeatureCollection } from 'geojson';
import { useMemo, type ReactNode } from 'react';
import { COLORS, FRICHE_STATUSES, READINESS_STYLES, epciColors } from '../../map';
import { useAtlas } from '../../state/store';
import { formatNumber, useT } from '../i18n';
import { countLabel, filteredSuffix, realCountLabel, type LegendCounts } from './counts';
import { CdgSwatch, DotSwatch, FillSwatch, FricheSwatch, IteSwatch, LineSwatch, PinSwatch, RoissySwatch, StationSwatch } from './Swatch';

export function Legend({ counts, epci }: { counts: LegendCounts; epci: FeatureCollection | undefined }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const fmt = (n: number) => formatNumber(locale, n);
  const epcis = useMemo(() => {
    const feats = epci?.features ?? [];
    const colors = epciColors(feats.map((f) => String(f.properties?.epci_siren ?? '')));
    return feats
      .map((f) => ({
        siren: String(f.properties?.epci_siren ?? ''),
        name: String(f.properties?.epci_name ?? ''),
        color: colors.get(String(f.properties?.epci_siren ?? '')) ?? '#ddd',
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }, [epci]);

  return (
    <div className="atlas-legend">
      <h3>{t('map.legend.territory')}</h3>
      <ul>
        <li>
          <LineSwatch kind="petr" />
          <span>{t('map.legend.petr')}</span>
        </li>
        <li className="legend-group-title">
          <span className="legend-count">{countLabel(t, 'epci', counts.epci, fmt)}</span>
        </li>
        {epcis.map((e) => (
          <li key={e.siren} className="legend-sub">
            <FillSwatch color={e.color} opacity={0.5} />
            <span>
              {e.name}
              {counts.communesByEpci[e.siren] ? <span className="legend-muted"> · {t('map.legend.epciCommunes', { n: fmt(counts.communesByEpci[e.siren]) })}</span> : null}
            </span>
          </li>
        ))}
        <li>
          <LineSwatch kind="communes" />
          <span className="legend-count">{countLabel(t, 'communes', counts.communes, fmt)}</span>
        </li>
        <li className="legend-note" data-testid="legend-population">
          <span className="legend-muted">{t('map.legend.population')}</span>
        </li>
      </ul>

      <h3 data-testid="legend-friches">
        {realCountLabel(t, 'friches', counts.friches, counts.fictitiousFriches, fmt)}
        {filteredSuffix(t, counts.filtered, counts.allFriches, fmt)}
      </h3>
      <ul>
        {FRICHE_STATUSES.filter((s) => s.key !== 'autre' || counts.fricheByStatus.autre > 0).map((s) => (
          <li key={s.key}>
            <FricheSwatch shape={s.shape} color={s.color} />
            <span>{t(`map.legend.friche.${s.key}`)}</span>
            <span className="legend-n">{fmt(counts.fricheByStatus[s.key])}</span>
          </li>
        ))}
        {counts.fictitiousFriches > 0 && (
          <li>
            <FictitiousSwatches testId="legend-fictitious-friches">
              <FillSwatch color={FRICHE_STATUSES[0].color} opacity={0.4} hatch stroke={COLORS.siteOutline} />
              <FricheSwatch shape={FRICHE_STATUSES[0].shape} color={FRICHE_STATUSES[0].color} fictitious />
              <DotSwatch color={FRICHE_STATUSES[0].color} fictitious />
            </FictitiousSwatches>
            <span>{t('map.legend.fictitious')}</span>
            <span className="legend-n">{fmt(counts.fictitiousFriches)}</span>
          </li>
        )}
      </ul>

      <h3 data-testid="legend-plots">
        {realCountLabel(t, 'plots', counts.plots, counts.fictitiousPlots, fmt)}
        {filteredSuffix(t, counts.filtered, counts.allPlots, fmt)}
      </h3>
      {counts.plots === 0 ? (
        <p className="legend-muted legend-empty">{t(counts.allPlots > 0 ? 'map.legend.noPlotsFiltered' : 'map.legend.noPlots')}</p>
      ) : (
        <ul>
          {READINESS_STYLES.map((r) => (
            <li key={r.level}>
              <PinSwatch color={r.color} letter={r.letter} />
              <span>{t(`map.level.${r.level}`)}</span>
              <span className="legend-n">{fmt(counts.plotsByLevel[r.level])}</span>
            </li>
          ))}
          {counts.fictitiousPlots > 0 && (
            <li>
              <FictitiousSwatches testId="legend-fictitious-plots">
                <FillSwatch color={READINESS_STYLES[0].color} hatch stroke={COLORS.siteOutline} />
                <PinSwatch color={READINESS_STYLES[0].color} letter={READINESS_STYLES[0].letter} fictitious />
                <DotSwatch color={READINESS_STYLES[0].color} fictitious />
              </FictitiousSwatches>
              <span>{t('map.legend.fictitious')}</span>
              <span className="legend-n">{fmt(counts.fictitiousPlots)}</span>
            </li>
          )}
        </ul>
      )}

      <h3>{t('map.legend.networks')}</h3>
      <ul>
        <li>
          <StationSwatch />
          <span>{countLabel(t, 'stations', counts.stations, fmt)}</span>
        </li>
        {counts.ite > 0 && (
          <li>
            <IteSwatch />
            <span>
              {countLabel(t, 'ite', counts.ite, fmt)}
              <span className="legend-muted"> · {t('map.legend.iteCaveat')}</span>
            </span>
          </li>
        )}
        <li>
          <RoissySwatch />
          <span>{t('map.legend.roissy')}</span>
        </li>
        <li>
          <CdgSwatch />
          <span>{t('map.legend.cdg')}</span>
        </li>
      </ul>
    </div>
  );
}

/**
 * The looks of a fictitious site, side by side: a polygon (hatched, dashed outline), a symbol
 * (striped, dashed outline) and a dot (hollowed by a centre: white, dark on a light disc).
 */
function FictitiousSwatches({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <span className="legend-swatches" data-testid={testId}>
      {children}
    </span>
  );
}
