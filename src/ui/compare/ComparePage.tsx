/**
 * Shortlist and comparison (`#/comparer`): 2 to 4 shortlisted sites side by side in a real
 * table (row headers), the best value of each row marked with a star and a visually-hidden
 * « meilleure valeur » (never by colour alone). Printable.
 */
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Site } from '../../domain/types';
import { READINESS_ITEM_IDS } from '../../domain/types';
import { readinessLevel, readinessProgress } from '../../domain/readiness';
import { siteSurfaceM2 } from '../../domain/surface';
import { encodePageHash } from '../../domain/urlState';
import { useSiteIndex } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { navigate } from '../shared/navigate';
import { Dashboard } from '../dashboard';
import { useT } from '../i18n';
import { PrintStamp } from '../shared/PrintStamp';
import { fmtDate, fmtHa, fmtKm, fmtM2, fmtNumber, fmtPlusMinus, fmtPrice } from '../shared/format';
import { LEVEL_ICON, LEVEL_RANK, sectorNames, STATUS_ICON } from '../shared/labels';
import { SourcesList } from '../shared/SourcesList';
import { ChunkBoundary, lazyWithRetry } from '../shared/lazy';
import { CopyLinkButton } from '../shared/CopyLinkButton';
import { bestIndices, type Better } from './best';
import './compare.css';

export const MAX_COMPARED = 4;

// The compared sites' sheets, to print together: loaded when asked for.
const SheetBatch = lazyWithRetry(() => import('../sheet'), 'SheetBatch');

interface Row {
  key: string;
  label: string;
  cell: (s: Site) => ReactNode;
  /** Numeric value for « best value » marking, with its direction. */
  score?: (s: Site) => number | null | undefined;
  better?: Better;
  /** A short caveat printed under the row's label. */
  note?: string;
}

function siteLink(s: Site, label: string) {
  const route = { name: 'site' as const, id: s.properties.id };
  return (
    <a
      href={encodePageHash(route)}
      onClick={(e) => {
        e.preventDefault();
        navigate(route);
      }}
    >
      {label}
    </a>
  );
}

export function ComparePage() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const status = useAtlas((s) => s.status);
  const shortlist = useAtlas((s) => s.shortlist);
  const index = useSiteIndex();
  const found = useMemo(() => shortlist.map((id) => index.get(id)).filter((s): s is Site => !!s), [shortlist, index]);
  const missing = status === 'ready' ? shortlist.filter((id) => !index.has(id)) : [];
  // Which shortlisted sites are compared (only matters when the shortlist holds more than 4).
  const [picked, setPicked] = useState<string[] | null>(null);
  const [printSheets, setPrintSheets] = useState(false);
  const pickedIds = (picked ?? found.map((s) => s.properties.id)).filter((id) => index.has(id) && shortlist.includes(id));
  const compared = found.filter((s) => pickedIds.includes(s.properties.id)).slice(0, MAX_COMPARED);

  useEffect(() => {
    document.title = `${t('compare.docTitle')} – ${t('app.title')}`;
    return () => {
      document.title = t('app.title');
    };
  }, [t]);

  const remove = (s: Site) => {
    const st = useAtlas.getState();
    st.setShortlist(st.shortlist.filter((id) => id !== s.properties.id));
    st.announce(t('compare.removed', { name: s.properties.name, n: useAtlas.getState().shortlist.length }));
    setPicked((p) => (p ? p.filter((id) => id !== s.properties.id) : p));
  };
  const togglePick = (id: string, on: boolean) => {
    const cur = pickedIds.slice(0, MAX_COMPARED);
    setPicked(on ? [...cur, id].slice(0, MAX_COMPARED) : cur.filter((x) => x !== id));
  };

  const unknown = <span className="muted">{t('compare.unknown')}</span>;
  const km = (m: number | null | undefined) => (m == null ? unknown : fmtKm(locale, m));
  const rows: Row[] = [
    { key: 'commune', label: t('compare.row.commune'), cell: (s) => s.properties.commune ?? unknown },
    { key: 'epci', label: t('compare.row.epci'), cell: (s) => s.properties.epci_name ?? unknown },
    { key: 'kind', label: t('compare.row.kind'), cell: (s) => t(`kind.${s.properties.kind}`) },
    {
      key: 'surface',
      label: t('compare.row.surface'),
      cell: (s) => {
        const m2 = siteSurfaceM2(s.properties);
        return m2 == null ? unknown : `${fmtHa(locale, m2)} (${fmtM2(locale, m2)})`;
      },
      score: (s) => siteSurfaceM2(s.properties),
      better: 'max',
    },
    {
      key: 'level',
      label: t('compare.row.level'),
      cell: (s) => {
        const l = readinessLevel(s.properties);
        return (
          <span className={`badge badge-level level-${l}`}>
            <span aria-hidden="true">{LEVEL_ICON[l]}</span> {t(`level.${l}`)}
          </span>
        );
      },
      score: (s) => LEVEL_RANK[readinessLevel(s.properties)],
      better: 'min',
    },
    {
      key: 'progress',
      label: t('compare.row.progress'),
      cell: (s) => {
        const p = readinessProgress(s.properties);
        return t('compare.progress', { done: p.done, applicable: p.applicable });
      },
      score: (s) => readinessProgress(s.properties).done,
      better: 'max',
    },
    ...READINESS_ITEM_IDS.map(
      (id): Row => ({
        key: `item-${id}`,
        label: t(`readinessItem.${id}`),
        cell: (s) => {
          const st = s.properties.readiness?.[id]?.status ?? 'inconnu';
          return (
            <span className={`status status-${st}`}>
              <span className="status-icon" aria-hidden="true">
                {STATUS_ICON[st]}
              </span>{' '}
              {t(`itemStatus.${st}`)}
            </span>
          );
        },
      }),
    ),
    {
      key: 'sectors',
      label: t('compare.row.sectors'),
      cell: (s) =>
        s.properties.sectors.length ? (
          <ul className="cell-list">
            {sectorNames(s.properties.sectors, locale).map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : (
          unknown
        ),
    },
    { key: 'availability', label: t('compare.row.availability'), cell: (s) => t(`availability.${s.properties.availability}`) },
    {
      key: 'price',
      label: t('compare.row.price'),
      cell: (s) => (s.properties.price_eur_m2 == null ? unknown : fmtPrice(locale, s.properties.price_eur_m2)),
      score: (s) => s.properties.price_eur_m2,
      better: 'min',
    },
    {
      key: 'rn2',
      label: t('compare.row.rn2'),
      // Near a gap of the RN2 geometry the distance may be over-estimated: the margin stays.
      cell: (s) => {
        const margin = s.properties.dist_rn2_m == null ? null : fmtPlusMinus(locale, s.properties.dist_rn2_error_m);
        return (
          <>
            {km(s.properties.dist_rn2_m)}
            {margin ? <span className="approx"> ({t('compare.approx', { margin })})</span> : null}
          </>
        );
      },
      score: (s) => s.properties.dist_rn2_m,
      better: 'min',
    },
    {
      key: 'waterway',
      label: t('compare.row.waterway'),
      cell: (s) => km(s.properties.dist_waterway_m),
      score: (s) => s.properties.dist_waterway_m,
      better: 'min',
    },
    {
      key: 'station',
      label: t('compare.row.station'),
      cell: (s) => (
        <>
          {km(s.properties.dist_station_m)}
          {s.properties.station_name ? <span className="muted"> ({s.properties.station_name})</span> : null}
        </>
      ),
      score: (s) => s.properties.dist_station_m,
      better: 'min',
    },
    {
      key: 'ite',
      label: t('compare.row.ite'),
      note: t('compare.row.iteNote'),
      cell: (s) => (
        <>
          {km(s.properties.dist_ite_m)}
          {s.properties.ite_name ? (
            <span className="muted"> ({t('compare.row.iteWhere', { name: s.properties.ite_name, line: s.properties.ite_line ?? '?' })})</span>
          ) : null}
        </>
      ),
      score: (s) => s.properties.dist_ite_m,
      better: 'min',
    },
    {
      key: 'cdg',
      label: t('compare.row.cdg'),
      cell: (s) => (s.properties.rail_km_to_cdg == null ? unknown : `${fmtNumber(locale, s.properties.rail_km_to_cdg, 1)}\u00a0km`),
      score: (s) => s.properties.rail_km_to_cdg,
      better: 'min',
    },
    {
      key: 'updated',
      label: t('compare.row.updated'),
      // A Cartofriches friche: the extract's date, not Cerema's import date of the record.
      cell: (s) =>
        s.properties.friche_details
          ? t('compare.fricheDataDate', { date: fmtDate(locale, s.properties.friche_details.data_date) })
          : s.properties.updated_at
            ? fmtDate(locale, s.properties.updated_at)
            : unknown,
    },
  ];

  const header = (
    <header className="compare-header">
      <h2>{t('compare.title')}</h2>
      <p>{t('compare.intro')}</p>
    </header>
  );

  if (status === 'loading') {
    return (
      <div className="page-content compare">
        {header}
        <p className="loading">{t('app.loading')}</p>
      </div>
    );
  }

  if (printSheets && compared.length >= 2) {
    return (
      <ChunkBoundary>
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <SheetBatch sites={compared} onBack={() => setPrintSheets(false)} />
        </Suspense>
      </ChunkBoundary>
    );
  }

  return (
    <div className="page-content compare" data-testid="compare-page">
      {header}
      {missing.length > 0 && (
        <div className="notice notice-warn" role="status">
          <p>{t('compare.missing', { n: missing.length, ids: missing.join(', ') })}</p>
          <button
            type="button"
            className="no-print"
            onClick={() => useAtlas.getState().setShortlist(useAtlas.getState().shortlist.filter((id) => index.has(id)))}
          >
            {t('compare.missing.remove')}
          </button>
        </div>
      )}

      {compared.length < 2 ? (
        <div className="notice" data-testid="compare-too-few">
          <p>
            {found.length === 0
              ? t('compare.empty')
              : found.length === 1
                ? t('compare.one', { name: found[0].properties.name })
                : null}{' '}
            {t('compare.tooFew')}
          </p>
          <p className="button-row no-print">
            {found.length === 1 && siteLink(found[0], t('compare.openSheet', { name: found[0].properties.name }))}
            <button type="button" className="primary" onClick={() => navigate({ name: 'atlas' })}>
              {t('compare.backToAtlas')}
            </button>
          </p>
        </div>
      ) : (
        <>
          <div className="compare-actions button-row">
            <button type="button" onClick={() => window.print()}>
              {t('compare.print')}
            </button>
            <button type="button" onClick={() => setPrintSheets(true)}>
              {t('compare.printSheets', { n: compared.length })}
            </button>
            <CopyLinkButton />
          </div>
          <p className="best-legend">
            <span className="best-star" aria-hidden="true">
              ★
            </span>{' '}
            {t('compare.bestLegend')}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="compare-caption">
            <table className="compare-table" data-testid="compare-table">
              <caption id="compare-caption">{t('compare.caption', { n: compared.length })}</caption>
              <thead>
                <tr>
                  <td className="corner">
                    <span className="sr-only">{t('compare.criterion')}</span>
                  </td>
                  {compared.map((s) => (
                    <th scope="col" key={s.properties.id}>
                      {siteLink(s, s.properties.name)}
                      {s.properties.fictitious && (
                        <>
                          {' '}
                          <span className="badge badge-fictitious">{t('fictitious.badge')}</span>
                        </>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const best = row.score && row.better ? bestIndices(compared.map(row.score), row.better) : new Set<number>();
                  return (
                    <tr key={row.key} data-row={row.key}>
                      <th scope="row">
                        {row.label}
                        {row.note ? <span className="row-note muted small">{row.note}</span> : null}
                      </th>
                      {compared.map((s, i) => (
                        <td key={s.properties.id} className={best.has(i) ? 'is-best' : undefined}>
                          {row.cell(s)}
                          {best.has(i) && (
                            <span className="best-mark">
                              {' '}
                              <span className="best-star" aria-hidden="true">
                                ★
                              </span>
                              <span className="sr-only">{t('compare.best')}</span>
                            </span>
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
                <tr className="no-print">
                  <th scope="row">{t('compare.row.actions')}</th>
                  {compared.map((s) => (
                    <td key={s.properties.id}>
                      <button type="button" onClick={() => remove(s)}>
                        {t('compare.removeShort')}
                        <span className="sr-only"> {s.properties.name}</span>
                      </button>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}

      {found.length > MAX_COMPARED && (
        <fieldset className="shortlist-manage no-print">
          <legend>{t('compare.manage.title', { n: found.length })}</legend>
          <p className="muted small">
            {t('compare.manage.help')} {t('compare.manage.limit')}
          </p>
          <ul>
            {found.map((s) => {
              const on = compared.some((c) => c.properties.id === s.properties.id);
              return (
                <li key={s.properties.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!on && compared.length >= MAX_COMPARED}
                      onChange={(e) => togglePick(s.properties.id, e.target.checked)}
                    />{' '}
                    {s.properties.name}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      {shortlist.length > 0 && (
        <p className="no-print">
          <button
            type="button"
            onClick={() => {
              useAtlas.getState().setShortlist([]);
              useAtlas.getState().announce(t('compare.cleared'));
            }}
          >
            {t('compare.manage.clear')}
          </button>
        </p>
      )}

      {compared.length >= 2 && (
        <section className="compare-sources" aria-labelledby="compare-sources-title">
          <h3 id="compare-sources-title">{t('compare.sources')}</h3>
          <SourcesList ids={['sites', 'friches', 'rn2', 'waterway', 'stations', 'roissy']} />
        </section>
      )}

      <Dashboard />
      <PrintStamp />
    </div>
  );
}
