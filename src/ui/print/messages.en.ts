import type { Messages } from '../i18n/catalog';

/** English (loaded on demand, src/ui/i18n/catalog.en.ts); the French is in ./messages.ts. */
export const en: Messages = {
  'print.date': 'Printed on {date}',
  'print.from': 'Soissonnais-Valois land atlas – PETR du Soissonnais et du Valois',
  'print.link': 'Address of this page: {url}',
};
