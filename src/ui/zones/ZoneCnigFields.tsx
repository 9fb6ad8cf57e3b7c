/**
 * The CNIG « Sites économiques » fields of a zone (SITE-ECO) for publication, each with its
 * official list and « inconnu » by default: type, dominant vocation, state, maîtrise d'ouvrage,
 * useful surface, identification date, and the oui/non network and vocation flags. Shown in
 * « Mode édition » for a zone with an outline; values are kept in the zone's draft (drafts owner,
 * through state/publication.ts) and written in the « Publier » package.
 */
import { useId } from 'react';
import { CNIG_STANDARD, codeList, UNKNOWN } from '../../domain/cnig';
import type { ZoneRecord } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { setZoneCnig } from '../../state/publication';
import { useT } from '../i18n';

const CODED = ['site_type', 'site_vocadomi', 'site_etat', 'site_moa_type'] as const;
/** The oui/non fields of SITE-ECO (networks, public transport, vocations), in the standard's order. */
const FLAGS = CNIG_STANDARD.classes.site_eco.fields.filter((f) => f.enum?.join('|') === 'oui|non').map((f) => f.name);

export function ZoneCnigFields({ zone }: { zone: ZoneRecord }) {
  const t = useT();
  const base = useId();
  // The zone as the atlas shows it carries its draft's values over the published ones.
  const values = zone.cnig ?? {};
  const text = (f: string) => (values[f] === null || values[f] === undefined ? '' : String(values[f]));
  const set = (f: string, v: string | number | null) =>
    void setZoneCnig(zone.zone_id, { [f]: v }).catch((e: unknown) => {
      const a = useAtlas.getState();
      a.announce(t('zones.outline.error', { message: e instanceof Error ? e.message : String(e) }));
    });
  const surf = text('site_surf_utile');
  return (
    <details className="zone-cnig" data-testid={`zone-cnig-${zone.zone_id}`}>
      <summary>{t('pub.form.zone.title')}</summary>
      <p className="zone-hint">{t('pub.form.zone.hint')}</p>
      {CODED.map((f) => (
        <div className="zone-field" key={f}>
          <label htmlFor={`${base}-${f}`}>{t(`pub.form.${f}`)}</label>
          <select id={`${base}-${f}`} value={text(f) || UNKNOWN} onChange={(e) => set(f, e.target.value === UNKNOWN ? null : e.target.value)}>
            {(codeList('site_eco', f) ?? []).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="zone-field">
        <label htmlFor={`${base}-surf`}>{t('pub.form.site_surf_utile')}</label>
        <input
          id={`${base}-surf`}
          type="text"
          inputMode="decimal"
          defaultValue={surf.replace('.', ',')}
          onBlur={(e) => {
            const n = Number(e.target.value.replace(/\s/g, '').replace(',', '.'));
            set('site_surf_utile', e.target.value.trim() === '' || !Number.isFinite(n) || n < 0 ? null : n);
          }}
        />
      </div>
      <div className="zone-field">
        <label htmlFor={`${base}-identif`}>{t('pub.form.site_identif_date')}</label>
        <input id={`${base}-identif`} type="date" value={text('site_identif_date')} onChange={(e) => set('site_identif_date', e.target.value || null)} />
      </div>
      <fieldset className="zone-flags">
        <legend>{t('pub.form.zone.flags')}</legend>
        {FLAGS.map((f) => (
          <div className="zone-field" key={f}>
            <label htmlFor={`${base}-${f}`}>{t(`pub.form.${f}`)}</label>
            <select id={`${base}-${f}`} value={text(f)} onChange={(e) => set(f, e.target.value || null)}>
              <option value="">{t('pub.form.notGiven')}</option>
              <option value="oui">oui</option>
              <option value="non">non</option>
            </select>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
