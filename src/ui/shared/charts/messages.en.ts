import type { Messages } from '../../i18n/catalog';

/** English (loaded on demand, src/ui/i18n/catalog.en.ts); the French is in ./messages.ts. */
export const en: Messages = {
  'chart.category': 'Category',
  'chart.value': 'Value',
  'chart.empty': 'No data to show.',
};
