/** Messages of the app shell: new versions, offline use, parts that failed to download. */
import type { FeatureMessages } from '../i18n/catalog';

export const messages: FeatureMessages = {
  fr: {
    'offline.update.title': 'Nouvelle version disponible.',
    'offline.update.body': 'Mettez à jour pour l’utiliser : la page se recharge, vos filtres et vos brouillons sont conservés.',
    'offline.update.replaced': 'Elle a été activée dans un autre onglet : rechargez cette page pour l’utiliser (vos filtres et vos brouillons sont conservés).',
    'offline.update.apply': 'Mettre à jour',
    'offline.update.reload': 'Recharger la page',
    'offline.update.later': 'Plus tard',
    'offline.ready': 'L’atlas est enregistré dans ce navigateur : il fonctionnera aussi sans réseau (carte, fiches, comparaison, édition).',
    'offline.ok': 'Compris',
    'offline.offline': 'Hors ligne : l’atlas fonctionne avec les données enregistrées lors de votre dernière visite. Le fond de carte IGN est indisponible.',
    'shell.chunk.part': 'cette partie de l’atlas',
    'shell.chunk.title': 'Impossible de charger {what}.',
    'shell.chunk.offline': 'Vous êtes hors ligne et cette partie n’est pas encore enregistrée dans ce navigateur. Réessayez une fois le réseau revenu.',
    'shell.chunk.online': 'Le réseau a coupé, ou une nouvelle version de l’atlas vient d’être mise en ligne. Réessayez ; si cela échoue encore, rechargez la page (l’adresse garde vos filtres, vos brouillons restent dans ce navigateur).',
    'shell.chunk.retry': 'Réessayer',
    'shell.chunk.reload': 'Recharger la page',
  },
  en: {
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
  },
};
