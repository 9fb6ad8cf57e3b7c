/**
 * Feature counts shown by the legend and the map's text alternative (pure). Site counts follow
 * the search filters (the sites the map shows); `allFriches` / `allPlots` keep the totals so the
 * legend can say that filters are active.
 */
import type { FeatureCollection } from 'geojson';
import type { DataManifest, ReadinessLevel, Site } from '../../domain/types';
import { readinessLevel } from '../../domain/readiness';
import { fricheStatusKey, type FricheStatusStyle } from '../../map';

export interface LegendCounts {
  communes: number;
  epci: number;
  friches: number;
  plots: number;
  fictitiousPlots: number;
  fictitiousFriches: number;
  stations: number;
  /** Rail siding connection points (ITE). */
  ite: number;
  fricheByStatus: Record<FricheStatusStyle['key'], number>;
  plotsByLevel: Record<ReadinessLevel, number>;
  communesByEpci: Record<string, number>;
  /** Every friche / plot loaded, before the filters. */
  allFriches: number;
  allPlots: number;
  /** True when the filters hide some sites. */
  filtered: boolean;
}

function count(layers: Record<string, FeatureCollection>, manifest: DataManifest | null, id: string): number {
  const fc = layers[id];
  if (fc) return fc.features.length;
  return manifest?.layers[id]?.count ?? 0;
}

export function legendCounts(
  layers: Record<string, FeatureCollection>,
  manifest: DataManifest | null,
  sites: readonly Site[],
  allSites: readonly Site[] = sites,
): LegendCounts {
  const fricheByStatus: LegendCounts['fricheByStatus'] = { potentielle: 0, sans_projet: 0, avec_projet: 0, reconvertie: 0, autre: 0 };
  const plotsByLevel: LegendCounts['plotsByLevel'] = { cle_en_main: 0, a_preparer: 0, a_rehabiliter: 0, inconnu: 0 };
  let friches = 0;
  let plots = 0;
  let fictitiousPlots = 0;
  let fictitiousFriches = 0;
  for (const s of sites) {
    const p = s.properties;
    if (p.kind === 'zone') continue; // zones are counted by their own layer
    if (p.kind === 'friche') {
      friches++;
      if (p.fictitious) fictitiousFriches++;
      fricheByStatus[fricheStatusKey(p.friche_status)]++;
    } else {
      plots++;
      if (p.fictitious) fictitiousPlots++;
      plotsByLevel[readinessLevel(p)]++;
    }
  }
  let allFriches = 0;
  let allPlots = 0;
  for (const s of allSites) {
    if (s.properties.kind === 'friche') allFriches++;
    else if (s.properties.kind !== 'zone') allPlots++;
  }
  const communesByEpci: Record<string, number> = {};
  for (const f of layers.communes?.features ?? []) {
    const k = String(f.properties?.epci_siren ?? '');
    communesByEpci[k] = (communesByEpci[k] ?? 0) + 1;
  }
  return {
    communes: count(layers, manifest, 'communes'),
    epci: count(layers, manifest, 'epci'),
    friches,
    plots,
    fictitiousPlots,
    fictitiousFriches,
    stations: count(layers, manifest, 'stations'),
    ite: count(layers, manifest, 'ite'),
    fricheByStatus,
    plotsByLevel,
    communesByEpci,
    allFriches,
    allPlots,
    filtered: allFriches + allPlots !== friches + plots,
  };
}

/** « · filtres actifs, 23 au total » after a site count, when filters hide some sites; '' otherwise. */
export function filteredSuffix(t: (k: string, p?: Record<string, string | number>) => string, filtered: boolean, total: number, format: (n: number) => string): string {
  return filtered ? ` ${t('map.count.filtered', { n: format(total) })}` : '';
}

/** "{n} communes" with the right singular/plural message. */
export function countLabel(t: (k: string, p?: Record<string, string | number>) => string, key: string, n: number, format: (n: number) => string): string {
  return t(`map.count.${key}.${n <= 1 ? 'one' : 'other'}`, { n: format(n) });
}

/**
 * "23 friches + 49 fictives": real sites are counted apart from the fictitious sample, so the
 * two are never mixed silently.
 */
export function realCountLabel(
  t: (k: string, p?: Record<string, string | number>) => string,
  key: 'friches' | 'plots',
  total: number,
  fictitious: number,
  format: (n: number) => string,
): string {
  const real = countLabel(t, key, total - fictitious, format);
  return fictitious > 0 ? `${real} ${t(`map.count.${key}.fictitious`, { n: format(fictitious) })}` : real;
}
