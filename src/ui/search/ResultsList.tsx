/**
 * The results list, virtualised (@tanstack/react-virtual) so 24 000 rows scroll smoothly.
 *
 * Accessibility: an ARIA grid (`id="site-list"`, one tab stop) with aria-activedescendant.
 * Rows carry aria-selected (the site selected on the map). Keys: ↑/↓ (rows), PageUp/PageDown,
 * Home/End, ←/→ (cells: site, « Fiche », « Ajouter à la sélection »), Enter/Space activate.
 * Selecting a row calls `select(id)` (the map highlights and flies to it); a selection made
 * on the map scrolls the list to its row. Adding a site to the shortlist (or removing it) is
 * announced in the aria-live region.
 *
 * A row carries everything the map shows of a site (RGAA: the list is the map's equivalent):
 * kind, readiness (icon + text), friche status (the map's symbol shape + text), the
 * « Exemple fictif » badge. Rows wrap on narrow screens: their heights are measured
 * (`measureElement`), not fixed. Names and communes are French data: `lang="fr"` in the
 * English interface.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { readinessLevel } from '../../domain/readiness';
import { fricheStatusKey } from '../../map';
import { siteSurfaceM2 } from '../../domain/surface';
import { locationText } from '../shared/zoneLocation';
import type { Locale, Site } from '../../domain/types';
import { useSortedSites } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { navigate } from '../app/navigate';
import { useT, type TFunction } from '../i18n';
import { fmtKm, fmtMargin, fmtSurface } from './format';
import { FricheStatusIcon } from './FricheStatusIcon';
import { LevelIcon } from './LevelIcon';

/** Estimated row height (px) before a row is measured. */
export const ROW_HEIGHT = 100;
const COLS = 3;

function cellId(prefix: string, row: number, col: number): string {
  return `${prefix}-r${row}-c${col}`;
}

function distanceParts(site: Site, locale: Locale, t: TFunction): string[] {
  const p = site.properties;
  const out: string[] = [];
  if (typeof p.dist_rn2_m === 'number') {
    let s = t('search.row.rn2', { km: fmtKm(locale, p.dist_rn2_m) });
    const margin = fmtMargin(locale, p.dist_rn2_error_m);
    if (margin) s += ` (${t('search.row.error', { km: margin })})`;
    out.push(s);
  }
  if (typeof p.dist_waterway_m === 'number') out.push(t('search.row.waterway', { km: fmtKm(locale, p.dist_waterway_m) }));
  if (typeof p.dist_station_m === 'number') out.push(t('search.row.station', { km: fmtKm(locale, p.dist_station_m) }));
  if (typeof p.dist_ite_m === 'number') {
    out.push(t('search.row.ite', { km: fmtKm(locale, p.dist_ite_m), name: p.ite_name ?? '?', line: p.ite_line ?? '?' }));
  }
  return out;
}

/** The friche status as the map's legend names it; an unrecognised value is shown as written (French data). */
function FricheStatus({ status, t, lang }: { status: string | null; t: TFunction; lang: string | undefined }) {
  const key = fricheStatusKey(status);
  const label =
    key === 'potentielle'
      ? t('search.friche.potentielle')
      : key === 'sans_projet'
        ? t('search.friche.sans_projet')
        : key === 'avec_projet'
          ? t('search.friche.avec_projet')
          : key === 'reconvertie'
            ? t('search.friche.reconvertie')
            : null;
  return (
    <span className="row-item row-friche" data-friche-status={key}>
      <FricheStatusIcon status={key} />{' '}
      {label ?? (status ? <span lang={lang}>{status}</span> : t('search.friche.unknown'))}
    </span>
  );
}

interface RowProps {
  site: Site;
  index: number;
  start: number;
  prefix: string;
  selected: boolean;
  inShortlist: boolean;
  activeCol: number | null;
  locale: Locale;
  t: TFunction;
  onActivate: (index: number, col: number) => void;
  measure: (el: HTMLElement | null) => void;
}

const Row = memo(function Row({ site, index, start, prefix, selected, inShortlist, activeCol, locale, t, onActivate, measure }: RowProps) {
  const p = site.properties;
  const surface = siteSurfaceM2(p);
  const level = readinessLevel(p);
  const dists = distanceParts(site, locale, t);
  // Names, communes and data vocabulary are French: say so in the English interface.
  const fr = locale === 'fr' ? undefined : 'fr';
  return (
    <div
      role="row"
      ref={measure}
      data-index={index}
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-site-id={p.id}
      className={`site-row${selected ? ' selected' : ''}${p.fictitious ? ' fictitious' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" id={cellId(prefix, index, 0)} className={`cell-main${activeCol === 0 ? ' active-cell' : ''}`} onClick={() => onActivate(index, 0)}>
        <div className="row-title">
          <span className="row-name" title={p.name} lang={fr}>
            {p.name}
          </span>
          {p.fictitious && <span className="badge badge-fictitious">{t('fictitious.badge')}</span>}
        </div>
        <div className="row-meta">
          <span className="row-item">{t(`kind.${p.kind}`)}</span>
          {p.commune && (
            <>
              {' · '}
              <span className="row-item" lang={fr}>
                {p.commune}
              </span>
            </>
          )}
          {p.zone_name && p.kind !== 'zone' && (
            <>
              {' · '}
              <span className="row-item row-zone" lang={fr}>
                {p.zone_name}
              </span>
            </>
          )}
          {' · '}
          <span className="row-item">
            {surface === null
              ? t('search.row.noSurface')
              : p.zone?.surface_fact
                ? t(p.zone.surface_fact.date ? 'pub.row.declaredSurface' : 'pub.row.declaredSurfaceUndated', { surface: fmtSurface(locale, surface), date: p.zone.surface_fact.date ?? '' })
                : fmtSurface(locale, surface)}
          </span>
        </div>
        {p.location_precision && p.location_precision !== 'exact' && (
          <div className="row-meta row-precision" lang={fr}>
            {locationText(p, t)}
          </div>
        )}
        <div className="row-meta">
          <span className="row-item">
            <LevelIcon level={level} /> {t(`level.${level}`)}
          </span>
          {' · '}
          <span className="row-item">{t(`availability.${p.availability}`)}</span>
          {p.kind === 'friche' && (
            <>
              {' · '}
              <FricheStatus status={p.friche_status} t={t} lang={fr} />
            </>
          )}
        </div>
        {dists.length > 0 && (
          <div className="row-dist">
            {dists.map((d, i) => (
              <span key={i}>
                {i > 0 && ' · '}
                <span className="row-item">{d}</span>
              </span>
            ))}
          </div>
        )}
      </div>
      <div role="gridcell" id={cellId(prefix, index, 1)} className={`cell-action${activeCol === 1 ? ' active-cell' : ''}`}>
        <button type="button" tabIndex={-1} aria-label={t('search.row.sheetOf', { name: p.name })} onClick={() => onActivate(index, 1)}>
          {t('search.row.sheet')}
        </button>
      </div>
      <div role="gridcell" id={cellId(prefix, index, 2)} className={`cell-action${activeCol === 2 ? ' active-cell' : ''}`}>
        <button
          type="button"
          tabIndex={-1}
          className={inShortlist ? 'in-shortlist' : undefined}
          aria-label={t(inShortlist ? 'search.row.removeOf' : 'search.row.addOf', { name: p.name })}
          onClick={() => onActivate(index, 2)}
        >
          {t(inShortlist ? 'search.row.remove' : 'search.row.add')}
        </button>
      </div>
    </div>
  );
});

export function ResultsList() {
  const t = useT();
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const sites = useSortedSites();
  const selectedId = useAtlas((s) => s.selectedId);
  const shortlist = useAtlas((s) => s.shortlist);
  const locale = useAtlas((s) => s.locale);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const shortSet = useMemo(() => new Set(shortlist), [shortlist]);
  const tRef = useRef(t);
  tRef.current = t;

  // Stable callbacks: the virtualizer recomputes its 24 000 measurements when they change.
  const getItemKey = useCallback((i: number) => sites[i]?.properties.id ?? i, [sites]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const virtualizer = useVirtualizer({ count: sites.length, getScrollElement, estimateSize, overscan: 6, getItemKey });

  // Bench hook (see scripts/bench-filter-browser.ts): marks the commit of a new list.
  useLayoutEffect(() => {
    if ((globalThis as { __atlasPerf?: boolean }).__atlasPerf) performance.mark('atlas:list-commit');
  }, [sites]);

  // A selection made elsewhere (map, URL) scrolls the list to its row.
  useEffect(() => {
    if (!selectedId) return;
    const i = sites.findIndex((s) => s.properties.id === selectedId);
    if (i >= 0) {
      setActive((a) => (a.row === i ? a : { row: i, col: 0 }));
      virtualizer.scrollToIndex(i, { align: 'auto' });
    }
  }, [selectedId, sites, virtualizer]);

  const row = Math.min(active.row, Math.max(0, sites.length - 1));

  const sitesRef = useRef(sites);
  sitesRef.current = sites;
  const activate = useCallback((index: number, col: number) => {
    const site = sitesRef.current[index];
    if (!site) return;
    setActive({ row: index, col });
    const id = site.properties.id;
    const s = useAtlas.getState();
    if (col === 0) s.select(id);
    else if (col === 1) navigate({ name: 'site', id });
    else {
      const removing = s.shortlist.includes(id);
      s.toggleShortlist(id);
      const n = useAtlas.getState().shortlist.length;
      const tr = tRef.current;
      const name = site.properties.name;
      s.announce(
        removing
          ? n === 0
            ? tr('search.row.removed.none', { name })
            : tr(n === 1 ? 'search.row.removed.one' : 'search.row.removed.other', { name, n })
          : tr(n === 1 ? 'search.row.added.one' : 'search.row.added.other', { name, n }),
      );
    }
  }, []);

  const move = (r: number, c: number) => {
    const nr = Math.max(0, Math.min(sites.length - 1, r));
    const nc = Math.max(0, Math.min(COLS - 1, c));
    setActive({ row: nr, col: nc });
    virtualizer.scrollToIndex(nr, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!sites.length) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, active.col),
      ArrowUp: () => move(row - 1, active.col),
      PageDown: () => move(row + page, active.col),
      PageUp: () => move(row - page, active.col),
      Home: () => move(e.ctrlKey ? 0 : row, e.ctrlKey ? active.col : 0),
      End: () => move(e.ctrlKey ? sites.length - 1 : row, e.ctrlKey ? active.col : COLS - 1),
      ArrowRight: () => move(row, active.col + 1),
      ArrowLeft: () => move(row, active.col - 1),
      Enter: () => activate(row, active.col),
      ' ': () => activate(row, active.col),
    };
    const f = keys[e.key];
    if (f && e.target === e.currentTarget) {
      e.preventDefault();
      f();
    }
  };

  const items = virtualizer.getVirtualItems();
  if (!sites.length) {
    return (
      <div id="site-list" className="site-list-empty" tabIndex={-1}>
        <p>{t('search.results.none')}</p>
      </div>
    );
  }

  return (
    <>
      <p id={`${prefix}-help`} className="sr-only">
        {t('search.results.help')}
      </p>
      <div
        id="site-list"
        ref={scrollRef}
        role="grid"
        tabIndex={0}
        aria-label={t('search.results.listLabel', { n: sites.length })}
        aria-rowcount={sites.length}
        aria-colcount={COLS}
        aria-describedby={`${prefix}-help`}
        aria-activedescendant={items.some((v) => v.index === row) ? cellId(prefix, row, active.col) : undefined}
        className="site-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="site-grid-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const site = sites[v.index];
            const id = site.properties.id;
            return (
              <Row
                key={id}
                site={site}
                index={v.index}
                start={v.start}
                prefix={prefix}
                selected={id === selectedId}
                inShortlist={shortSet.has(id)}
                activeCol={v.index === row ? active.col : null}
                locale={locale}
                t={t}
                onActivate={activate}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}
