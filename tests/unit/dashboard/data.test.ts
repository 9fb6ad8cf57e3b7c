import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/domain/summary';
import { blankSiteProperties } from '../../../src/domain/site';
import type { Site, SiteProperties } from '../../../src/domain/types';
import { dashboardBars } from '../../../src/ui/dashboard/data';

function site(p: Partial<SiteProperties>): Site {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [3.3, 49.4] },
    properties: blankSiteProperties({ id: 'x', name: 'x', source: 'test', ...p }),
  };
}

const labels = {
  level: (l: string) => `L:${l}`,
  sector: (s: string) => `S:${s}`,
  epciUnknown: 'EPCI inconnu',
  statusUnknown: 'Statut inconnu',
  ha: (ha: number) => `${ha} ha`,
  withCount: (label: string, n: number) => `${label} (${n})`,
  sites: (n: number) => `${n} sites`,
};

describe('dashboard bars', () => {
  const sites = [
    site({ id: 'a', epci_siren: '1', epci_name: 'CA A', declared_surface_m2: 20000, sectors: ['logistics', 'agro'] }),
    site({ id: 'b', epci_siren: '1', epci_name: 'CA A', declared_surface_m2: 10000, sectors: ['logistics'] }),
    site({ id: 'c', epci_siren: '2', epci_name: 'CC B', kind: 'friche', declared_surface_m2: 50000, friche_status: 'friche sans projet' }),
    site({ id: 'd', kind: 'friche', friche_status: null }),
  ];
  const bars = dashboardBars(summarize(sites), labels);

  it('gives hectares by EPCI, with the unknown EPCI named', () => {
    const byKey = Object.fromEntries(bars.byEpci.map((b) => [b.label, b.value]));
    expect(byKey['CA A (2)']).toBeCloseTo(3);
    expect(byKey['CC B (1)']).toBeCloseTo(5);
    expect(bars.byEpci.some((b) => b.label === 'EPCI inconnu (1)')).toBe(true);
    expect(bars.byEpci.find((b) => b.key === '1')?.display).toBe('3 ha');
  });
  it('gives hectares by level, only for levels present, each with its own pattern', () => {
    expect(bars.byLevel.map((b) => b.key).sort()).toEqual(['a_rehabiliter', 'inconnu']);
    expect(new Set(bars.byLevel.map((b) => b.pattern)).size).toBe(bars.byLevel.length);
  });
  it('gives hectares by sector, largest first, a multi-sector site counting in each', () => {
    expect(bars.bySector.map((b) => b.key)).toEqual(['logistics', 'agro']);
    expect(bars.bySector[0].value).toBeCloseTo(3);
    expect(bars.bySector[1].value).toBeCloseTo(2);
  });
  it('counts friches by status', () => {
    const byLabel = Object.fromEntries(bars.frichesByStatus.map((b) => [b.label, b.value]));
    expect(byLabel['friche sans projet']).toBe(1);
    expect(byLabel['Statut inconnu']).toBe(1);
  });
});
