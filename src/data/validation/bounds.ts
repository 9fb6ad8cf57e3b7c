/**
 * Lon/lat boxes used to catch coordinates that cannot be in France (swapped axes,
 * projected coordinates, 0/0 points). Pure data, no Node APIs.
 */
export interface LonLatBox {
  /** French name, used in messages. */
  name: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Metropolitan France including Corsica (generous margins). */
export const METROPOLE_BOX: LonLatBox = { name: 'France métropolitaine', minLon: -5.5, minLat: 41, maxLon: 10, maxLat: 51.5 };

/** The five overseas departments (DOM), with margins; for national files. */
export const DOM_BOXES: readonly LonLatBox[] = [
  { name: 'Guadeloupe', minLon: -62, minLat: 15.7, maxLon: -60.8, maxLat: 16.6 },
  { name: 'Martinique', minLon: -61.4, minLat: 14.3, maxLon: -60.7, maxLat: 15 },
  { name: 'Guyane', minLon: -54.7, minLat: 2, maxLon: -51.5, maxLat: 6 },
  { name: 'La Réunion', minLon: 55.1, minLat: -21.5, maxLon: 56, maxLat: -20.8 },
  { name: 'Mayotte', minLon: 44.9, minLat: -13.1, maxLon: 45.4, maxLat: -12.5 },
];

export type BoundsOption = 'metropole' | 'france_with_dom' | 'none';

export function boxesFor(option: BoundsOption): readonly LonLatBox[] {
  if (option === 'none') return [];
  return option === 'france_with_dom' ? [METROPOLE_BOX, ...DOM_BOXES] : [METROPOLE_BOX];
}

export function inBox(lon: number, lat: number, box: LonLatBox): boolean {
  return lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;
}
