/**
 * The CNIG « Sites économiques » fields of a plot (TERRAIN-ECO) in the site form, each with its
 * official list and « inconnu » by default. terr_stade_comm and terr_etat_occup are the official
 * face of the atlas's availability and occupation (src/domain/cnig/mapping.ts): choosing one sets
 * the other, so the two never disagree. Values are stored in the site's `cnig`.
 */
import { availabilityOf, codeList, etatOccupFor, occupationOf, stadeCommFor, UNKNOWN } from '../../domain/cnig';
import type { SiteProperties } from '../../domain/types';
import { editSite } from '../../state/curation';
import { useT } from '../i18n';
import { Group, SelectField, TextField } from './fields';

const CODED = ['terr_maitrise_fonc', 'terr_stade_amngt', 'terr_usage'] as const;

function setCnig(field: string, p: SiteProperties, value: string | null): Partial<SiteProperties> {
  const cnig = { ...(p.cnig ?? {}) };
  if (value === null || value === '' || value === UNKNOWN) delete cnig[field];
  else cnig[field] = value;
  return { cnig: Object.keys(cnig).length ? cnig : null };
}

export function CnigTerrainFields({ p }: { p: SiteProperties }) {
  const t = useT();
  const opts = (field: string) => (codeList('terrain_eco', field) ?? []).map((v) => ({ value: v, label: v }));
  const text = (field: string) => (typeof p.cnig?.[field] === 'string' ? (p.cnig[field] as string) : '');
  return (
    <Group title={t('pub.form.terrain.title')}>
      <p className="cur-hint">{t('pub.form.terrain.hint')}</p>
      {CODED.map((f) => (
        <SelectField key={f} label={t(`pub.form.${f}`)} value={text(f) || UNKNOWN} options={opts(f)} testId={`cnig-${f}`} onChange={(v) => editSite(`cnig.${f}`, (q) => setCnig(f, q, v))} />
      ))}
      <SelectField
        label={t('pub.form.terr_stade_comm')}
        value={stadeCommFor(p.availability, text('terr_stade_comm') || null)}
        options={opts('terr_stade_comm')}
        testId="cnig-terr_stade_comm"
        onChange={(v) => editSite('availability', (q) => ({ ...setCnig('terr_stade_comm', q, v), availability: availabilityOf(v) }))}
      />
      <SelectField
        label={t('pub.form.terr_etat_occup')}
        value={etatOccupFor(p.occupation, text('terr_etat_occup') || null)}
        options={opts('terr_etat_occup')}
        testId="cnig-terr_etat_occup"
        onChange={(v) => editSite('occupation', (q) => ({ ...setCnig('terr_etat_occup', q, v), occupation: occupationOf(v) }))}
      />
      <SelectField
        label={t('pub.form.terr_utile')}
        value={text('terr_utile')}
        options={[
          { value: '', label: t('pub.form.notGiven') },
          { value: 'oui', label: 'oui' },
          { value: 'non', label: 'non' },
        ]}
        testId="cnig-terr_utile"
        onChange={(v) => editSite('cnig.terr_utile', (q) => setCnig('terr_utile', q, v))}
      />
      <TextField label={t('pub.form.terr_refcad')} value={text('terr_refcad')} testId="cnig-terr_refcad" onChange={(v) => editSite('cnig.terr_refcad', (q) => setCnig('terr_refcad', q, v.trim()))} />
    </Group>
  );
}
