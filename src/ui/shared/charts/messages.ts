import type { FeatureMessages } from '../../i18n/catalog';

export const messages: FeatureMessages = {
  fr: {
    'chart.category': 'Catégorie',
    'chart.value': 'Valeur',
    'chart.empty': 'Aucune donnée à représenter.',
  },
  en: {
    'chart.category': 'Category',
    'chart.value': 'Value',
    'chart.empty': 'No data to show.',
  },
};
