/**
 * The figures of the ZAE inventory (code de l'urbanisme, article L318-8-2) for one zone, from
 * its land units (the CNIG TERRAIN-ECO of the zone):
 *
 * - `units`: number of land units (terrains) of the zone;
 * - `vacant_units`: units whose `terr_etat_occup` is « vacant » (the standard's word: the law's
 *   « taux de vacance » counts vacant units, not « inoccupé » ones);
 * - `vacancy_rate`: vacant_units / units (0–1), null when the zone has no unit;
 * - `available_surface_ha`: sum of `terr_surf_brute` (ha) of the units offered for sale
 *   (`terr_stade_comm` « en vente » or « en vente avec contraintes »); units without a surface
 *   are counted in `available_units_without_surface` rather than guessed.
 *
 * Pure; the caller states the date and source (the publication package) next to the figures.
 */
import type { InventoryFigures } from '../types';

export type { InventoryFigures };

export interface InventoryUnit {
  terr_etat_occup: string | null;
  terr_stade_comm: string | null;
  /** Gross surface in hectares (`terr_surf_brute`). */
  terr_surf_brute: number | null;
}

export const FOR_SALE = ['en vente', 'en vente avec contraintes'] as const;

export function inventoryFigures(units: readonly InventoryUnit[]): InventoryFigures {
  let vacant = 0;
  let available = 0;
  let surface = 0;
  let noSurface = 0;
  for (const u of units) {
    if (u.terr_etat_occup === 'vacant') vacant++;
    if (u.terr_stade_comm && (FOR_SALE as readonly string[]).includes(u.terr_stade_comm)) {
      available++;
      if (typeof u.terr_surf_brute === 'number' && Number.isFinite(u.terr_surf_brute)) surface += u.terr_surf_brute;
      else noSurface++;
    }
  }
  return {
    units: units.length,
    vacant_units: vacant,
    vacancy_rate: units.length ? vacant / units.length : null,
    available_units: available,
    available_surface_ha: Math.round(surface * 10000) / 10000,
    available_units_without_surface: noSurface,
  };
}
