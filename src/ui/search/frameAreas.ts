/**
 * Choosing an EPCI or a commune in the filters frames it on the map: the box of every area
 * chosen (EPCI and communes together), from the admin layers, else from the sites of those
 * communes. Only when an area is added (removing one leaves the map where it is).
 */
import type { FeatureCollection } from 'geojson';
import type { Site } from '../../domain/types';
import { bboxOf } from '../../map';
import { useAtlas } from '../../state/store';

/** The box of the chosen EPCI (SIREN) and communes (INSEE), or null when none is known. */
export function areasBBox(layers: Record<string, FeatureCollection>, sites: readonly Site[], epci: readonly string[], communes: readonly string[]): [number, number, number, number] | null {
  const e = new Set(epci);
  const c = new Set(communes);
  const features = [
    ...(layers.epci?.features ?? []).filter((f) => e.has(String(f.properties?.epci_siren ?? ''))),
    ...(layers.communes?.features ?? []).filter((f) => c.has(String(f.properties?.insee ?? ''))),
  ];
  const found = new Set(features.map((f) => String(f.properties?.epci_siren ?? f.properties?.insee ?? '')));
  // Areas missing from the admin layers (e.g. sites of the national dataset): their sites.
  const rest = sites.filter((s) => (s.properties.insee && c.has(s.properties.insee) && !found.has(s.properties.insee)) || (s.properties.epci_siren && e.has(s.properties.epci_siren) && !found.has(s.properties.epci_siren)));
  return bboxOf({ type: 'FeatureCollection', features: [...features, ...rest] });
}

/** After the EPCI / commune filters change from `before` to `after`: frames them when one was added. */
export function frameChosenAreas(sites: readonly Site[], before: { epci: string[]; communes: string[] }, after: { epci: string[]; communes: string[] }): void {
  const added = after.epci.some((x) => !before.epci.includes(x)) || after.communes.some((x) => !before.communes.includes(x));
  if (!added) return;
  const s = useAtlas.getState();
  const box = areasBBox(s.layers, sites, after.epci, after.communes);
  if (box) s.requestFrame(box);
}
