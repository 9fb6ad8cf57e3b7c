/** Messages of the shared UI pieces (error boundaries, the drafts export offered there). */
import type { Messages } from '../i18n/catalog';

/** French, loaded at start. English: ./messages.en.ts, loaded when a visitor switches to it. */
export const fr: Messages = {
  'shared.error.title': 'Une erreur a empêché d’afficher {what}.',
  'shared.error.body': 'Le reste de l’atlas fonctionne, et vos brouillons restent enregistrés dans ce navigateur.',
  'shared.error.detail': 'Détail technique',
  'shared.error.home': 'Revenir à l’atlas',
  'shared.error.retry': 'Réessayer',
  'shared.error.export': 'Exporter mes brouillons',
  'shared.error.exported': 'Sauvegarde des brouillons téléchargée : {file}.',
  'shared.error.exportFailed': 'L’export des brouillons a échoué : {message}',
  'shared.area.app': 'l’atlas',
  'shared.area.page': 'cette page',
  'shared.area.search': 'la recherche',
  'shared.area.zones': 'les zones d’activités',
  'shared.area.curation': 'l’édition des sites',
  'shared.area.map': 'la carte',
  'shared.area.dashboard': 'le tableau de bord',
  'shared.history.damaged.one': 'Une entrée de cet historique est illisible ; elle n’est pas affichée.',
  'shared.history.damaged.many': '{n} entrées de cet historique sont illisibles ; elles ne sont pas affichées.',
  'shared.history.damaged.record': 'Enregistrement n° {record} : {problems}',
  'shared.history.damaged.noRecord': 'Enregistrement sans numéro lisible : {problems}',
  'shared.history.damaged.kept': 'Rien n’est perdu : elles restent enregistrées telles quelles dans ce navigateur, et la sauvegarde des brouillons (« Télécharger une sauvegarde des brouillons ») les emporte.',
};
