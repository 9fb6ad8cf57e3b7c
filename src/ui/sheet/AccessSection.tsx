/**
 * Distances from the site to the RN2, the waterway, the nearest station and the nearest rail
 * siding (ITE, with its place, line and the « may be disused » caveat), plus the rail
 * distance to Roissy-CDG through the proposed link, and the minimap with connectors.
 * The stored distances (data build) are shown; the detailed computation (Web Worker) adds
 * the nearest points for the connectors and fills any distance missing from the record.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Site } from '../../domain/types';
import type { DetailedDistances } from '../../domain/distances';
import { railToCdgParts, roissyModelFromLayers } from '../../domain/roissyLink';
import { computeDetailed } from '../../data/distances/client';
import { buildConnectors } from '../../map/minimap/connectors';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtKm, fmtNumber, fmtPlusMinus } from './format';
import { CeremaRailDistance } from './FricheFacts';
import { SiteMiniMap } from './SiteMiniMap';

type Row = { key: 'rn2' | 'waterway' | 'station'; label: string; m: number | null; name: string | null; error: number | null };

export function AccessSection({ site }: { site: Site }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const [detailed, setDetailed] = useState<DetailedDistances | null>(null);
  const [pending, setPending] = useState(true);
  const p = site.properties;

  useEffect(() => {
    let alive = true;
    setDetailed(null);
    setPending(true);
    computeDetailed(site.geometry)
      .then((d) => {
        if (alive) setDetailed(d);
      })
      .catch(() => {
        /* the stored distances stay; only the connectors are missing */
      })
      .finally(() => {
        if (alive) setPending(false);
      });
    return () => {
      alive = false;
    };
  }, [site]);

  const connectors = useMemo(
    () => (detailed ? buildConnectors(site.geometry, { rn2: detailed.rn2, waterway: detailed.waterway, station: detailed.station }) : []),
    [detailed, site],
  );

  const rows: Row[] = [
    {
      key: 'rn2',
      label: t('sheet.access.rn2'),
      m: p.dist_rn2_m ?? detailed?.rn2?.distance_m ?? null,
      name: null,
      error: p.dist_rn2_m != null ? (p.dist_rn2_error_m ?? null) : (detailed?.rn2?.error_m ?? null),
    },
    {
      key: 'waterway',
      label: t('sheet.access.waterway'),
      m: p.dist_waterway_m ?? detailed?.waterway?.distance_m ?? null,
      name: p.waterway_name ?? detailed?.waterway?.name ?? null,
      error: null,
    },
    {
      key: 'station',
      label: t('sheet.access.station'),
      m: p.dist_station_m ?? detailed?.station?.distance_m ?? null,
      name: p.station_name ?? detailed?.station?.name ?? null,
      error: null,
    },
  ];
  const cdg = p.rail_km_to_cdg ?? detailed?.rail_km_to_cdg ?? null;
  const stationName = p.station_name ?? detailed?.station?.name ?? null;
  const iteM = p.dist_ite_m ?? detailed?.ite?.distance_m ?? null;
  const iteName = p.ite_name ?? detailed?.ite?.name ?? null;
  const iteLine = p.ite_line ?? detailed?.ite?.line ?? null;

  return (
    <div className="access">
      <div className="access-text">
        <dl className="facts distances" data-testid="distances">
          {rows.map((r) => (
            <div key={r.key} className="fact">
              <dt>{r.label}</dt>
              <dd>
                {r.m == null ? (
                  <span className="muted">{t('sheet.access.unknown')}</span>
                ) : (
                  <>
                    <strong>{fmtKm(locale, r.m)}</strong>
                    {r.name ? <span className="nearest"> – {t('sheet.access.nearest', { name: r.name })}</span> : null}
                    {fmtPlusMinus(locale, r.error) ? (
                      <span className="approx">
                        {' '}
                        ({t('sheet.access.approx', { margin: fmtPlusMinus(locale, r.error)! })})
                      </span>
                    ) : null}
                  </>
                )}
              </dd>
            </div>
          ))}
          <CeremaRailDistance site={p} />
          <div className="fact" data-testid="distance-ite">
            <dt>{t('sheet.access.ite')}</dt>
            <dd>
              {iteM == null ? (
                <span className="muted">{t('sheet.access.unknown')}</span>
              ) : (
                <>
                  <strong>{fmtKm(locale, iteM)}</strong>
                  {iteName ? <span className="nearest"> – {t('sheet.access.iteWhere', { name: iteName, line: iteLine ?? '?' })}</span> : null}
                  <span className="ite-caveat muted small"> {t('sheet.access.iteCaveat')}</span>
                </>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('sheet.access.cdg')}</dt>
            <dd>
              {cdg == null ? (
                <span className="muted">{t('sheet.access.unknown')}</span>
              ) : (
                <>
                  <strong>{`${fmtNumber(locale, cdg, 1)}\u00a0km`}</strong> <span className="cdg-help">{t('sheet.access.cdgHelp')}</span>
                  <CdgMethod totalKm={cdg} station={stationName} />
                </>
              )}
            </dd>
          </div>
        </dl>
        <p className="muted small">{t('sheet.access.straight')}</p>
        {pending && <p className="muted small no-print">{t('sheet.access.computing')}</p>}
      </div>
      <SiteMiniMap site={site} connectors={connectors} />
    </div>
  );
}

const kmText = (locale: 'fr' | 'en', km: number) => `${fmtNumber(locale, km, 1)}\u00a0km`;

/**
 * The method and assumptions of the rail distance to CDG, stated next to the figure: access
 * station, Paris–Laon km to the crossing (SNCF geometry), + the virgule's 1.5 km (cited source),
 * LGV to CDG 2 TGV, and that no public route exists yet.
 */
function CdgMethod({ totalKm, station }: { totalKm: number; station: string | null }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const layers = useAtlas((s) => s.layers);
  const model = useMemo(() => roissyModelFromLayers(layers), [layers]);
  const parts = railToCdgParts(totalKm, model);
  return (
    <div className="cdg-method" data-testid="cdg-method">
      <p className="cdg-method-title">{t('sheet.access.cdgMethod')}</p>
      <ol>
        <li>{station ? t('sheet.access.cdgMethod.station', { station }) : t('sheet.access.cdgMethod.stationUnknown')}</li>
        <li>
          {parts.stationToCrossingKm !== null
            ? t('sheet.access.cdgMethod.rail', { km: kmText(locale, parts.stationToCrossingKm) })
            : t('sheet.access.cdgMethod.railNoKm')}
        </li>
        <li>{t('sheet.access.cdgMethod.link', { km: kmText(locale, parts.linkKm) })}</li>
        <li>{parts.lgvKm !== null ? t('sheet.access.cdgMethod.lgv', { km: kmText(locale, parts.lgvKm) }) : t('sheet.access.cdgMethod.lgvNoKm')}</li>
      </ol>
      <p className="cdg-method-caveat">{t('sheet.access.cdgMethod.noRoute')}</p>
    </div>
  );
}
