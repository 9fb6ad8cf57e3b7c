/** Messages of the app shell: new versions, offline use, parts that failed to download, « Copier le lien ». */
import type { Messages } from '../i18n/catalog';

/** French, loaded at start. English: ./messages.en.ts, loaded when a visitor switches to it. */
export const fr: Messages = {
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
  'shell.chunk.action': 'une partie de l’atlas n’a pas pu être téléchargée : le réseau a coupé, ou une nouvelle version de l’atlas vient d’être mise en ligne. Rechargez la page, puis recommencez (l’adresse garde vos filtres, vos brouillons restent dans ce navigateur).',
  'shell.chunk.actionOffline': 'vous êtes hors ligne et cette partie de l’atlas n’est pas encore enregistrée dans ce navigateur. Recommencez une fois le réseau revenu, après avoir rechargé la page.',
  'shell.link.copy': 'Copier le lien',
  'shell.link.copied': 'Lien copié dans le presse-papiers.',
  'shell.link.manual': 'Copie automatique impossible : copiez ce lien (Ctrl+C ou appui long).',
};
