import type { FeatureMessages } from '../i18n/catalog';

export const messages: FeatureMessages = {
  fr: {
    'print.date': 'Imprimé le {date}',
    'print.from': 'Atlas foncier du Soissonnais-Valois – PETR du Soissonnais et du Valois',
    'print.link': 'Adresse de cette page : {url}',
  },
  en: {
    'print.date': 'Printed on {date}',
    'print.from': 'Soissonnais-Valois land atlas – PETR du Soissonnais et du Valois',
    'print.link': 'Address of this page: {url}',
  },
};
