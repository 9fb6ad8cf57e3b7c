/**
 * Summary of a list of sites (usually the filtered results), for small SVG charts.
 * Hectares use the site surface (declared, else computed); sites with an unknown surface
 * count in `count` but not in hectares (`unknownSurface` says how many).
 */
import { prepareSites } from './filters';
import { READINESS_LEVELS, SECTOR_IDS, type Availability, type ReadinessLevel, type SectorId, type Site, type SiteKind } from './types';

export interface SummaryBucket {
  /** EPCI SIREN or friche status; '' when unknown. */
  key: string;
  /** EPCI name or friche status as in the data (render as text); '' when unknown. */
  label: string;
  count: number;
  ha: number;
}

export interface CountHa {
  count: number;
  ha: number;
}

export interface Summary {
  count: number;
  totalHa: number;
  /** Sites whose surface is unknown (counted, but not in hectares). */
  unknownSurface: number;
  /** Sorted by count (desc), then hectares (desc), then label. */
  byEpci: SummaryBucket[];
  byLevel: Record<ReadinessLevel, CountHa>;
  /** A site with several sectors counts in each of them. */
  bySector: Record<SectorId, CountHa>;
  /** Friches only, by CNIG status; sorted like byEpci. */
  frichesByStatus: SummaryBucket[];
  fictitious: number;
  /** Sites per availability: a chart may say « disponibles » only when every site is `disponible`. */
  availability: Record<Availability, number>;
}

const AVAILABILITIES: readonly Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];

/** Plots, friches (and zones) counted apart (e.g. « 255 terrains et 45 friches fictifs »). */
export function countKinds(sites: readonly Site[]): Record<SiteKind, number> {
  const out: Record<SiteKind, number> = { plot: 0, friche: 0, zone: 0 };
  for (const s of sites) if (s.properties.kind in out) out[s.properties.kind]++;
  return out;
}

const COLLATOR = new Intl.Collator('fr', { numeric: true });

function emptyCountHa<K extends string>(keys: readonly K[]): Record<K, CountHa> {
  const r = {} as Record<K, CountHa>;
  for (const k of keys) r[k] = { count: 0, ha: 0 };
  return r;
}

function sortBuckets(m: Map<string, SummaryBucket>): SummaryBucket[] {
  return [...m.values()].sort((a, b) => b.count - a.count || b.ha - a.ha || COLLATOR.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function summarize(sites: readonly Site[]): Summary {
  let m2 = 0;
  let unknownSurface = 0;
  let fictitious = 0;
  const epci = new Map<string, SummaryBucket>();
  const status = new Map<string, SummaryBucket>();
  const byLevel = emptyCountHa(READINESS_LEVELS);
  const bySector = emptyCountHa(SECTOR_IDS);
  const availability = Object.fromEntries(AVAILABILITIES.map((a) => [a, 0])) as Record<Availability, number>;
  const prepared = prepareSites(sites);
  for (let i = 0; i < prepared.length; i++) {
    const ps = prepared[i];
    const p = ps.props;
    const surf = ps.surface;
    const ha = surf === null ? 0 : surf / 10000;
    if (surf === null) unknownSurface++;
    else m2 += surf;
    if (p.fictitious) fictitious++;
    if (ps.availability in availability) availability[ps.availability]++;
    const ek = p.epci_siren ?? '';
    let e = epci.get(ek);
    if (!e) epci.set(ek, (e = { key: ek, label: ek ? (p.epci_name ?? ek) : '', count: 0, ha: 0 }));
    e.count++;
    e.ha += ha;
    const lv = byLevel[ps.level];
    lv.count++;
    lv.ha += ha;
    if (ps.sectorMask) {
      for (let b = 0; b < SECTOR_IDS.length; b++) {
        if (ps.sectorMask & (1 << b)) {
          const sb = bySector[SECTOR_IDS[b]];
          sb.count++;
          sb.ha += ha;
        }
      }
    }
    if (p.kind === 'friche') {
      const sk = p.friche_status ?? '';
      let b = status.get(sk);
      if (!b) status.set(sk, (b = { key: sk, label: sk, count: 0, ha: 0 }));
      b.count++;
      b.ha += ha;
    }
  }
  return {
    count: sites.length,
    totalHa: m2 / 10000,
    unknownSurface,
    byEpci: sortBuckets(epci),
    byLevel,
    bySector,
    frichesByStatus: sortBuckets(status),
    fictitious,
    availability,
  };
}
