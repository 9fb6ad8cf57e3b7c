/**
 * Turns the domain summary of the filtered sites into the bars of the four dashboard
 * charts. Pure (labels are passed in), so it is unit-tested without React.
 */
import type { Summary } from '../../domain/summary';
import { READINESS_LEVELS, SECTOR_IDS, type ReadinessLevel, type SectorId } from '../../domain/types';
import type { BarDatum, BarPattern } from '../shared/charts';

export type Bar = BarDatum;

export interface DashboardLabels {
  level: (l: ReadinessLevel) => string;
  sector: (s: SectorId) => string;
  epciUnknown: string;
  statusUnknown: string;
  /** « 12,3 ha » */
  ha: (ha: number) => string;
  /** Category label with its number of sites: « CC Retz en Valois (4 sites) ». */
  withCount: (label: string, n: number) => string;
  sites: (n: number) => string;
}

/** Fill pattern per level, so bars differ by more than colour (see src/ui/shared/charts). */
export const LEVEL_PATTERN: Record<ReadinessLevel, BarPattern> = {
  cle_en_main: 'ok',
  a_preparer: 'dots',
  a_rehabiliter: 'hatch',
  inconnu: 'grey',
};

export interface DashboardBars {
  byEpci: Bar[];
  byLevel: Bar[];
  bySector: Bar[];
  frichesByStatus: Bar[];
}

export function dashboardBars(s: Summary, l: DashboardLabels): DashboardBars {
  const byEpci = s.byEpci.map((b) => ({
    key: b.key || 'unknown',
    label: l.withCount(b.label || l.epciUnknown, b.count),
    value: b.ha,
    display: l.ha(b.ha),
  }));
  const byLevel = READINESS_LEVELS.filter((lv) => s.byLevel[lv].count > 0).map((lv) => ({
    key: lv,
    label: l.withCount(l.level(lv), s.byLevel[lv].count),
    value: s.byLevel[lv].ha,
    display: l.ha(s.byLevel[lv].ha),
    pattern: LEVEL_PATTERN[lv],
  }));
  const bySector = SECTOR_IDS.filter((id) => s.bySector[id].count > 0)
    .map((id) => ({
      key: id,
      label: l.withCount(l.sector(id), s.bySector[id].count),
      value: s.bySector[id].ha,
      display: l.ha(s.bySector[id].ha),
    }))
    .sort((a, b) => b.value - a.value);
  const frichesByStatus = s.frichesByStatus.map((b) => ({
    key: b.key || 'unknown',
    label: b.label || l.statusUnknown,
    value: b.count,
    display: l.sites(b.count),
  }));
  return { byEpci, byLevel, bySector, frichesByStatus };
}
