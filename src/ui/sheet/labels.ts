/**
 * Labels and icons for site values (public module, shared with the comparison page).
 * Text labels come from the message catalogs; icons are decorative (aria-hidden) and
 * always sit beside their text, so no meaning is carried by colour or shape alone.
 */
import type { ItemStatus, Locale, ReadinessLevel, SectorId } from '../../domain/types';
import { sectorLabel } from '../../domain/sectors';
import type { TFunction } from '../i18n';

export const LEVEL_ICON: Record<ReadinessLevel, string> = {
  cle_en_main: '✔',
  a_preparer: '◐',
  a_rehabiliter: '▲',
  inconnu: '?',
};

export const STATUS_ICON: Record<ItemStatus, string> = {
  fait: '✔',
  en_cours: '◐',
  a_faire: '○',
  a_verifier: '⚠',
  sans_objet: '–',
  inconnu: '?',
};

/** Best (0) to worst: used to rank readiness levels in the comparison. */
export const LEVEL_RANK: Record<ReadinessLevel, number> = {
  cle_en_main: 0,
  a_preparer: 1,
  a_rehabiliter: 2,
  inconnu: 3,
};

export function sectorName(id: SectorId, locale: Locale): string {
  return sectorLabel(id, locale);
}

export function sectorNames(ids: readonly SectorId[], locale: Locale): string[] {
  return ids.map((id) => sectorName(id, locale));
}

/** « Exemple fictif » badge text. */
export function fictitiousLabel(t: TFunction): string {
  return t('fictitious.badge');
}
