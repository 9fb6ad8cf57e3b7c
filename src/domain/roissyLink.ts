/**
 * The rail distance to Aéroport Charles-de-Gaulle 2 TGV through the proposed rail « virgule »
 * (raccordement Roissy–GrandSoissons), split into the parts the site sheet states next to the
 * figure: access station → crossing with the LGV (SNCF geometry), + the virgule's length (1.5 km,
 * the figure of the PETR's « Territoire d'industrie 2023-2027 » application), + LGV → CDG 2 TGV.
 * Pure; the computation itself is `roissyModel` (src/domain/distances/railToCdg.ts).
 */
import type { FeatureCollection } from 'geojson';
import { networksFromLayers } from './distances/networks';
import { roissyModel, type RoissyModel } from './distances/railToCdg';

export interface RailToCdgParts {
  totalKm: number;
  /** Along the Paris–Laon line from the access station to the crossing (km, 0.1); null when unknown. */
  stationToCrossingKm: number | null;
  /** Length counted for the virgule itself (km). */
  linkKm: number;
  /** Along the LGV Interconnexion Est from the crossing to CDG 2 TGV (km, 0.1); null when unknown. */
  lgvKm: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Splits a site's `rail_km_to_cdg` (already rounded to 0.1 km) with the model's constant parts.
 * The station part is what remains: total − virgule − LGV (never negative; null when the LGV part
 * is unknown).
 */
export function railToCdgParts(totalKm: number, model: Pick<RoissyModel, 'lgvKm' | 'linkKm'> | null, defaultLinkKm = 1.5): RailToCdgParts {
  const linkKm = model?.linkKm ?? defaultLinkKm;
  const lgvKm = model?.lgvKm ?? null;
  const rest = lgvKm === null ? null : totalKm - linkKm - lgvKm;
  return {
    totalKm,
    stationToCrossingKm: rest === null || rest < -0.05 ? null : round1(Math.max(0, rest)),
    linkKm,
    lgvKm: lgvKm === null ? null : round1(lgvKm),
  };
}

/** The Roissy model of the loaded map layers, or null when a layer is missing or unusable. */
export function roissyModelFromLayers(layers: Record<string, FeatureCollection | undefined>): RoissyModel | null {
  try {
    // The sidings are not part of this model: a missing sidings layer must not hide the method.
    const n = networksFromLayers({ ite: { type: 'FeatureCollection', features: [] }, ...layers });
    const m = roissyModel(n.rail, n.lgv, n.roissy, n.stations);
    return m.problem ? null : m;
  } catch {
    return null;
  }
}
