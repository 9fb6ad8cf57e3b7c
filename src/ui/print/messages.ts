import type { Messages } from '../i18n/catalog';

/** French, loaded at start. English: ./messages.en.ts, loaded when a visitor switches to it. */
export const fr: Messages = {
  'print.date': 'Imprimé le {date}',
  'print.from': 'Atlas foncier du Soissonnais-Valois – PETR du Soissonnais et du Valois',
  'print.link': 'Adresse de cette page : {url}',
};
