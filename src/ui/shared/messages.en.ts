import type { Messages } from '../i18n/catalog';

/** English (loaded on demand, src/ui/i18n/catalog.en.ts); the French is in ./messages.ts. */
export const en: Messages = {
  'shared.error.title': 'An error prevented {what} from being shown.',
  'shared.error.body': 'The rest of the atlas works, and your drafts stay saved in this browser.',
  'shared.error.detail': 'Technical detail',
  'shared.error.home': 'Back to the atlas',
  'shared.error.retry': 'Try again',
  'shared.error.export': 'Export my drafts',
  'shared.error.exported': 'Drafts backup downloaded: {file}.',
  'shared.error.exportFailed': 'Exporting the drafts failed: {message}',
  'shared.area.app': 'the atlas',
  'shared.area.page': 'this page',
  'shared.area.search': 'the search',
  'shared.area.zones': 'the activity zones',
  'shared.area.curation': 'site editing',
  'shared.area.map': 'the map',
  'shared.area.dashboard': 'the dashboard',
  'shared.history.damaged.one': 'One entry of this history cannot be read; it is not shown.',
  'shared.history.damaged.many': '{n} entries of this history cannot be read; they are not shown.',
  'shared.history.damaged.record': 'Record no. {record}: {problems}',
  'shared.history.damaged.noRecord': 'Record without a readable number: {problems}',
  'shared.history.damaged.kept': 'Nothing is lost: they stay stored as they are in this browser, and the drafts backup (“Download a backup of the drafts”) takes them along.',
};
