/**
 * Rail km to Aéroport CDG 2 TGV through the proposed « virgule » (raccordement Roissy–GrandSoissons):
 * along Paris–Laon from the station to the junction + 1.5 km + along the LGV to CDG
 * (lengths: WGS84 geodesics of each segment).
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { createDistanceCalculator, networksFromLayers, railKmToCdgByStation, ROISSY_LINK_KM } from '../../../src/domain/distances';
import { roissyModel } from '../../../src/domain/distances/railToCdg';
import { loadNetworksFromSources } from '../../../src/domain/distances/node';
import { fixtureLayers, geodesic, REAL_SKIP_REASON, REAL_TRANSPORT_DIR } from './helpers';

describe('rail km to CDG on the fictitious network', () => {
  const nets = networksFromLayers(fixtureLayers());
  const km = railKmToCdgByStation(nets);
  const lgvPart = geodesic([2.7, 49.0], [2.7, 49.06]) / 1000;
  const junctionToCentre = (geodesic([2.7, 49.0], [2.85, 49.0]) + geodesic([2.85, 49.0], [3.0, 49.0])) / 1000;

  it('adds the rail distance to the junction, the 1.5 km link and the LGV part', () => {
    expect(ROISSY_LINK_KM).toBe(1.5);
    expect(km.get('Gare Centre')!).toBeCloseTo(junctionToCentre + 1.5 + lgvPart, 6);
  });

  it('chains the line sections whatever their order in the file', () => {
    const centreToNord = (geodesic([3.0, 49.0], [3.2, 49.15]) + geodesic([3.2, 49.15], [3.4, 49.3])) / 1000;
    expect(km.get('Gare Nord')!).toBeCloseTo(junctionToCentre + centreToNord + 1.5 + lgvPart, 6);
  });

  it('gives null for a station on the Paris side of the junction (the link does not serve it)', () => {
    expect(km.get('Gare Ouest')).toBeNull();
  });

  it('uses only the LGV Interconnexion Est (226310), not its connections', () => {
    const layers = fixtureLayers();
    layers.lgv.features = layers.lgv.features.filter((f) => f.properties!.ref !== '226310');
    const model = roissyModel(...(() => {
      const n = networksFromLayers(layers);
      return [n.rail, n.lgv, n.roissy, n.stations] as const;
    })());
    expect(model.problem).toMatch(/226310/);
    expect(model.stationKm.every((v) => v === null)).toBe(true);
  });

  it('is given to every site through its nearest passenger station', () => {
    const d = createDistanceCalculator(nets).compute({ type: 'Point', coordinates: [3.39, 49.29] });
    expect(d.station!.name).toBe('Gare Nord');
    expect(d.rail_km_to_cdg).toBe(km.get('Gare Nord'));
  });
});

describe.skipIf(!REAL_TRANSPORT_DIR)('rail km to CDG on the real lines', () => {
  const nets = REAL_TRANSPORT_DIR ? loadNetworksFromSources(REAL_TRANSPORT_DIR) : null;
  const pk = (f: FeatureCollection<Point>['features'][number]) => parseFloat(String(f.properties!.pk).replace('+', '.'));
  const JUNCTION_PK = 24.58; // approx_pk_229000_km of the junction point

  it('is plausible for Soissons: PK 104.3 − 24.6 ≈ 79.7 km, + 1.5 km, + 6.0–7.5 km of LGV', () => {
    // LGV part: at least the straight distance junction → CDG 2 TGV (≈ 6.0 km), at most 25 % more.
    const straight = geodesic([2.62464, 48.96368], [2.570764, 49.004136]) / 1000;
    const soissons = railKmToCdgByStation(nets!).get('Soissons')!;
    const railPart = 104.329 - JUNCTION_PK;
    expect(soissons).toBeGreaterThan(railPart - 1 + 1.5 + straight);
    expect(soissons).toBeLessThan(railPart + 1 + 1.5 + straight * 1.25);
  });

  it('matches the SNCF kilometre points of every served station (rail part within 1 km of the PK difference)', () => {
    const model = roissyModel(nets!.rail, nets!.lgv, nets!.roissy, nets!.stations);
    nets!.stations.features.forEach((f, i) => {
      const v = model.stationKm[i];
      if (pk(f) < JUNCTION_PK) expect(v).toBeNull();
      else expect(Math.abs(v! - 1.5 - model.lgvKm! - (pk(f) - JUNCTION_PK))).toBeLessThan(1);
    });
  });

  it('grows with the distance from Paris (monotonic along the line)', () => {
    const km = railKmToCdgByStation(nets!);
    const served = nets!.stations.features
      .filter((f) => km.get(f.properties!.name as string) !== null)
      .sort((a, b) => pk(a) - pk(b))
      .map((f) => km.get(f.properties!.name as string)!);
    expect(served.length).toBeGreaterThan(15);
    for (let i = 1; i < served.length; i++) expect(served[i]).toBeGreaterThan(served[i - 1]);
  });
});
if (!REAL_TRANSPORT_DIR) console.warn(REAL_SKIP_REASON);
