/**
 * The visible location line of a site that is not located exactly (a zone of the register
 * without outline): « localisation : commune de … — périmètre à numériser ». Shared by the
 * results list, the sheet and the map popup.
 */
import type { SiteProperties } from '../../domain/types';
import type { TFunction } from '../i18n';

export function locationText(p: Pick<SiteProperties, 'location_precision' | 'commune' | 'epci_name' | 'zone'>, t: TFunction): string | null {
  switch (p.location_precision) {
    case 'commune':
      return t('pub.location.commune', { communes: (p.zone?.communes.length ? p.zone.communes : [p.commune ?? '']).join(', ') });
    case 'epci':
      return t('pub.location.epci', { epci: p.epci_name ?? '' });
    case 'territoire':
      return t('pub.location.territoire');
    default:
      return null;
  }
}
