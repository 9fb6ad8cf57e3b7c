import type { Messages } from '../i18n/catalog';

/** English (loaded on demand, src/ui/i18n/catalog.en.ts); the French is in ./messages.ts. */
export const en: Messages = {
  'offline.update.title': 'A new version is available.',
  'offline.update.body': 'Update to use it: the page reloads, your filters and drafts are kept.',
  'offline.update.replaced': 'It was turned on in another tab: reload this page to use it (your filters and drafts are kept).',
  'offline.update.apply': 'Update',
  'offline.update.reload': 'Reload the page',
  'offline.update.later': 'Later',
  'offline.ready': 'The atlas is saved in this browser: it will also work with no network (map, sheets, comparison, editing).',
  'offline.ok': 'Got it',
  'offline.offline': 'Offline: the atlas works with the data saved at your last visit. The IGN basemap is unavailable.',
  'shell.chunk.part': 'this part of the atlas',
  'shell.chunk.title': 'Could not load {what}.',
  'shell.chunk.offline': 'You are offline and this part is not saved in this browser yet. Try again once the network is back.',
  'shell.chunk.online': 'The network dropped, or a new version of the atlas was just published. Try again; if it still fails, reload the page (the address keeps your filters, your drafts stay in this browser).',
  'shell.chunk.retry': 'Try again',
  'shell.chunk.reload': 'Reload the page',
  'shell.chunk.action': 'part of the atlas could not be downloaded: the network dropped, or a new version of the atlas was just published. Reload the page, then try again (the address keeps your filters, your drafts stay in this browser).',
  'shell.chunk.actionOffline': 'you are offline and this part of the atlas is not saved in this browser yet. Reload the page and try again once the network is back.',
  'shell.link.copy': 'Copy the link',
  'shell.link.copied': 'Link copied to the clipboard.',
  'shell.link.manual': 'Automatic copy is not possible: copy this link (Ctrl+C or long press).',
};
