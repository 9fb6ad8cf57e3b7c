import type { Messages } from '../i18n/catalog';

/** French, loaded at start. English: ./messages.en.ts, loaded when a visitor switches to it. */
export const fr: Messages = {
  'dashboard.section': 'Tableau de bord',
  'dashboard.title': 'Tableau de bord de la sélection',
  'dashboard.intro': 'Ces graphiques suivent les filtres de recherche de l\'atlas.',
  'dashboard.total': '{count} site(s) retenu(s) par les filtres, {ha} au total.',
  'dashboard.unknownSurface': '{n} site(s) sans surface connue : comptés, mais pas dans les hectares.',
  'dashboard.fictitious': 'Dont {n} exemple(s) fictif(s).',
  'dashboard.byEpci': 'Hectares des sites retenus par intercommunalité (EPCI), toutes disponibilités confondues',
  'dashboard.byEpciAvailable': 'Hectares disponibles par intercommunalité (EPCI)',
  'dashboard.byLevel': 'Hectares par niveau de maturité « clé en main »',
  'dashboard.bySector': 'Hectares par filière visée',
  'dashboard.bySectorNote': 'Un site visant plusieurs filières compte dans chacune.',
  'dashboard.frichesByStatus': 'Friches par statut (nombre de sites)',
  'dashboard.withCount': '{label} ({n})',
  'dashboard.sites': '{n} site(s)',
  'dashboard.epciUnknown': 'EPCI inconnu',
  'dashboard.statusUnknown': 'Statut inconnu',
  'dashboard.colEpci': 'Intercommunalité (nombre de sites)',
  'dashboard.colLevel': 'Niveau de maturité (nombre de sites)',
  'dashboard.colSector': 'Filière (nombre de sites)',
  'dashboard.colStatus': 'Statut de la friche',
  'dashboard.colHa': 'Hectares',
  'dashboard.colCount': 'Nombre de sites',
  'dashboard.empty': 'Aucun site ne correspond aux filtres.',
};
