import type { Messages } from '../../i18n/catalog';

/** French, loaded at start. English: ./messages.en.ts, loaded when a visitor switches to it. */
export const fr: Messages = {
  'chart.category': 'Catégorie',
  'chart.value': 'Valeur',
  'chart.empty': 'Aucune donnée à représenter.',
};
