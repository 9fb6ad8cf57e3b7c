/**
 * The filter form. Filters combine with AND; every option shows the number of sites it
 * would give (facet counts, other filters applied). All values drive the store; the map
 * and the list follow.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { FRICHE_STATUS_KEYS, type FricheStatusKey } from '../../domain/fricheStatus';
import { SECTORS } from '../../domain/sectors';
import { READINESS_LEVELS, type Availability, type ReadinessLevel, type SectorId, type Site, type SiteKind } from '../../domain/types';
import { activeFilterCount, useAllSites, useFacetCounts } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { CheckboxFacet, type FacetOption } from './CheckboxFacet';
import { CommuneCombobox, type CommuneOption } from './CommuneCombobox';
import { DistanceFilters } from './DistanceFilters';
import { FricheStatusIcon } from './FricheStatusIcon';
import { LevelIcon } from './LevelIcon';
import { SurfaceFilter } from './SurfaceFilter';

const AVAILABILITY: Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const KINDS: SiteKind[] = ['plot', 'friche', 'zone'];

export interface Names {
  epci: Map<string, string>;
  communes: Map<string, string>;
}

/** EPCI and commune names, from the admin layers, else from the sites themselves. */
export function useNames(all: Site[]): Names {
  const layers = useAtlas((s) => s.layers);
  return useMemo(() => {
    const epci = new Map<string, string>();
    const communes = new Map<string, string>();
    for (const f of layers.epci?.features ?? []) {
      const p = f.properties as { epci_siren?: unknown; epci_name?: unknown } | null;
      if (typeof p?.epci_siren === 'string' && typeof p.epci_name === 'string') epci.set(p.epci_siren, p.epci_name);
    }
    for (const f of layers.communes?.features ?? []) {
      const p = f.properties as { insee?: unknown; name?: unknown } | null;
      if (typeof p?.insee === 'string' && typeof p.name === 'string') communes.set(p.insee, p.name);
    }
    for (const s of all) {
      const p = s.properties;
      if (p.epci_siren && p.epci_name && !epci.has(p.epci_siren)) epci.set(p.epci_siren, p.epci_name);
      if (p.insee && p.commune && !communes.has(p.insee)) communes.set(p.insee, p.commune);
    }
    return { epci, communes };
  }, [layers, all]);
}

/** Frames the chosen EPCI / communes on the map (./frameAreas.ts, loaded on the first choice). */
function frameAreas(...args: Parameters<typeof import('./frameAreas').frameChosenAreas>): void {
  import('./frameAreas')
    .then((m) => m.frameChosenAreas(...args))
    .catch(() => {
      /* offline and not cached: the map stays where it is */
    });
}

/** A collapsible section; opens at first render when it holds an active filter. */
function Section({ initiallyOpen, summary, children }: { initiallyOpen: boolean; summary: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="filter-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

export function Filters() {
  const t = useT();
  const id = useId();
  const filters = useAtlas((s) => s.filters);
  const setFilters = useAtlas((s) => s.setFilters);
  const resetFilters = useAtlas((s) => s.resetFilters);
  const tOr = (key: string, fallback: string) => {
    const v = t(key);
    return v === key ? fallback : v;
  };
  const all = useAllSites();
  const facets = useFacetCounts();
  const names = useNames(all);
  const locale = useAtlas((s) => s.locale);

  const hasSectors = useMemo(() => all.some((s) => s.properties.sectors?.length), [all]);
  const hasDistances = useMemo(
    () => all.some((s) => typeof s.properties.dist_rn2_m === 'number' || typeof s.properties.dist_waterway_m === 'number' || typeof s.properties.dist_station_m === 'number' || typeof s.properties.dist_ite_m === 'number'),
    [all],
  );

  const sectorOptions: FacetOption<SectorId>[] = SECTORS.map((s) => ({ value: s.id, label: tOr(`sector.${s.id}`, s[locale]), count: facets.sectors[s.id] ?? 0 }));
  const levelOptions: FacetOption<ReadinessLevel>[] = READINESS_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`), count: facets.levels[l] ?? 0, icon: <LevelIcon level={l} /> }));
  const availabilityOptions: FacetOption<Availability>[] = AVAILABILITY.map((a) => ({ value: a, label: t(`availability.${a}`), count: facets.availability[a] ?? 0 }));
  const kindOptions: FacetOption<SiteKind>[] = KINDS.map((k) => ({ value: k, label: t(`kind.${k}`), count: facets.kinds[k] ?? 0 }));
  const fricheStatusOptions: FacetOption<FricheStatusKey>[] = FRICHE_STATUS_KEYS.map((k) => ({
    value: k,
    label: t(`search.friche.${k}`),
    count: facets.fricheStatuses?.[k] ?? 0,
    icon: <FricheStatusIcon status={k} />,
  }));
  const epciKeys = new Set([...names.epci.keys(), ...Object.keys(facets.epci)]);
  const epciOptions: FacetOption<string>[] = [...epciKeys]
    .map((k) => ({ value: k, label: names.epci.get(k) ?? k, count: facets.epci[k] ?? 0 }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  // Sorted once per data load (not per filter change: there can be thousands of communes).
  const communeOptions: CommuneOption[] = useMemo(() => {
    const collator = new Intl.Collator('fr');
    return [...names.communes.entries()].map(([insee, name]) => ({ insee, name })).sort((a, b) => collator.compare(a.name, b.name));
  }, [names]);

  const active = activeFilterCount(filters);
  // On a phone the filters start folded (the list stays in reach); on wider screens the
  // toggle is hidden and the filters always show (see search.css).
  const [collapsed, setCollapsed] = useState(active === 0);

  return (
    <form className={`filters${collapsed ? ' collapsed' : ''}`} aria-labelledby={`${id}-h`} onSubmit={(e) => e.preventDefault()} role="search">
      <div className="filters-head">
        <h3 id={`${id}-h`}>
          {t('search.filters.heading')}
          {active > 0 && <span className="filters-active"> · {t('search.filters.active', { n: active })}</span>}
        </h3>
        <button type="button" className="filters-toggle" aria-expanded={!collapsed} aria-controls={`${id}-body`} onClick={() => setCollapsed((c) => !c)}>
          {t(collapsed ? 'search.filters.show' : 'search.filters.hide')}
        </button>
        <button type="button" className="reset" onClick={resetFilters} disabled={active === 0}>
          {t('search.filters.reset')}
        </button>
      </div>
      <div className="filters-body" id={`${id}-body`}>
        <div className="filter-group text-filter">
          <label htmlFor={`${id}-text`} className="field-label">
            {t('search.text.label')}
          </label>
          <input
            id={`${id}-text`}
            type="search"
            autoComplete="off"
            placeholder={t('search.text.placeholder')}
            value={filters.text}
            onChange={(e) => setFilters({ text: e.target.value })}
          />
        </div>

        <SurfaceFilter />

        <div className="filter-row">
          <CheckboxFacet legend={t('search.kinds.legend')} options={kindOptions} selected={filters.kinds} onChange={(kinds) => setFilters({ kinds })} />
          <CheckboxFacet
            legend={t('search.availability.legend')}
            options={availabilityOptions}
            selected={filters.availability}
            onChange={(availability) => setFilters({ availability })}
          />
        </div>

        <CheckboxFacet legend={t('search.levels.legend')} options={levelOptions} selected={filters.levels} onChange={(levels) => setFilters({ levels })} className="levels" />

        <CheckboxFacet
          legend={t('search.fricheStatus.legend')}
          options={fricheStatusOptions}
          selected={filters.fricheStatuses as FricheStatusKey[]}
          onChange={(fricheStatuses) => setFilters({ fricheStatuses })}
          className="friche-statuses"
        />

        <Section
          initiallyOpen={filters.sectors.length > 0}
          summary={
            <>
              {t('search.sectors.legend')}
              {filters.sectors.length > 0 && ` (${filters.sectors.length})`}
            </>
          }
        >
          <CheckboxFacet legend={t('search.sectors.legend')} options={sectorOptions} selected={filters.sectors} onChange={(sectors) => setFilters({ sectors })} className="sectors">
            <div className="sector-mode" role="radiogroup" aria-label={t('search.sectors.mode')}>
              <span aria-hidden="true">{t('search.sectors.mode')} :</span>
              {(['any', 'all'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name={`${id}-sector-mode`} value={m} checked={filters.sectorMode === m} onChange={() => setFilters({ sectorMode: m })} />
                  {t(m === 'any' ? 'search.sectors.any' : 'search.sectors.all')}
                </label>
              ))}
            </div>
            {!hasSectors && <p className="field-hint">{t('search.sectors.none')}</p>}
          </CheckboxFacet>
        </Section>

        <Section
          initiallyOpen={filters.epci.length > 0 || filters.communes.length > 0}
          summary={
            <>
              {t('search.epci.legend')} / {t('search.communes.label')}
              {filters.epci.length + filters.communes.length > 0 && ` (${filters.epci.length + filters.communes.length})`}
            </>
          }
        >
          <CheckboxFacet
            legend={t('search.epci.legend')}
            options={epciOptions}
            selected={filters.epci}
            onChange={(epci) => {
              setFilters({ epci });
              frameAreas(all, filters, { epci, communes: filters.communes });
            }}
          />
          <CommuneCombobox
            options={communeOptions}
            counts={facets.communes}
            selected={filters.communes}
            onChange={(communes) => {
              setFilters({ communes });
              frameAreas(all, filters, { epci: filters.epci, communes });
            }}
          />
        </Section>

        <Section
          initiallyOpen={filters.maxDistRn2Km !== null || filters.maxDistWaterwayKm !== null || filters.maxDistStationKm !== null || filters.maxDistIteKm !== null}
          summary={t('search.access.legend')}
        >
          <DistanceFilters hasDistances={hasDistances} />
        </Section>
      </div>
    </form>
  );
}
