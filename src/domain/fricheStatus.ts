/**
 * The CNIG friches `site_statut` as a filter key: « friche potentielle » → `potentielle`,
 * « friche sans projet » → `sans_projet`, « friche avec projet » → `avec_projet`,
 * « friche reconvertie » → `reconvertie` (case-, accent-insensitive). Any other value, or none
 * (plots), has no key. Pure.
 */
export const FRICHE_STATUS_KEYS = ['potentielle', 'sans_projet', 'avec_projet', 'reconvertie'] as const;
export type FricheStatusKey = (typeof FRICHE_STATUS_KEYS)[number];

export function fricheStatusOf(status: string | null | undefined): FricheStatusKey | null {
  const s = (status ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  if (s.includes('potentielle')) return 'potentielle';
  if (s.includes('sans projet')) return 'sans_projet';
  if (s.includes('avec projet')) return 'avec_projet';
  if (s.includes('reconvertie')) return 'reconvertie';
  return null;
}
