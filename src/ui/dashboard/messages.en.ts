import type { Messages } from '../i18n/catalog';

/** English (loaded on demand, src/ui/i18n/catalog.en.ts); the French is in ./messages.ts. */
export const en: Messages = {
  'dashboard.section': 'Dashboard',
  'dashboard.title': 'Dashboard of the current selection',
  'dashboard.intro': 'These charts follow the atlas search filters.',
  'dashboard.total': '{count} site(s) match the filters, {ha} in all.',
  'dashboard.unknownSurface': '{n} site(s) with no known surface: counted, but not in the hectares.',
  'dashboard.fictitious': 'Including {n} fictitious example(s).',
  'dashboard.byEpci': 'Hectares of the selected sites by inter-municipality (EPCI), whatever their availability',
  'dashboard.byEpciAvailable': 'Hectares available by inter-municipality (EPCI)',
  'dashboard.byLevel': 'Hectares by “turnkey” readiness level',
  'dashboard.bySector': 'Hectares by target sector',
  'dashboard.bySectorNote': 'A site that targets several sectors counts in each.',
  'dashboard.frichesByStatus': 'Brownfields by status (number of sites)',
  'dashboard.withCount': '{label} ({n})',
  'dashboard.sites': '{n} site(s)',
  'dashboard.epciUnknown': 'Unknown EPCI',
  'dashboard.statusUnknown': 'Unknown status',
  'dashboard.colEpci': 'Inter-municipality (number of sites)',
  'dashboard.colLevel': 'Readiness level (number of sites)',
  'dashboard.colSector': 'Sector (number of sites)',
  'dashboard.colStatus': 'Brownfield status',
  'dashboard.colHa': 'Hectares',
  'dashboard.colCount': 'Number of sites',
  'dashboard.empty': 'No site matches the filters.',
};
