/**
 * Import of a CNIG `site_eco` file (zones): each zone is matched to the register by id or name;
 * « Rattacher les contours » saves the outlines as zone drafts and keeps the file's official
 * values as the zones' CNIG fields. A zone the register does not know is listed, not imported
 * as a plot.
 */
import { useState } from 'react';
import type { ImportedZone } from '../../data/import';
import { matchRegisterZone } from '../../data/publish';
import { isDigitisableZone } from '../../domain/zoneDrafts';
import { useAtlas } from '../../state/store';
import { saveZoneOutline } from '../../state/zoneDrafts';
import { useT } from '../i18n';

export function CnigZonesImport({ zones, onDone }: { zones: ImportedZone[]; onDone: (msg: string) => void }) {
  const t = useT();
  const register = useAtlas((s) => s.publishedZones);
  const [busy, setBusy] = useState(false);
  const rows = zones.map((z) => {
    const match = matchRegisterZone(z.siteId, z.name, register);
    return { z, match: match && isDigitisableZone(match) ? match : null };
  });
  const attachable = rows.filter((r) => r.match && r.z.geometry && !r.z.issues.length);

  async function attach() {
    setBusy(true);
    let n = 0;
    try {
      for (const { z, match } of attachable) {
        // The outline and the file's official values go into the zone's draft in one write.
        await saveZoneOutline(match!.zone_id, z.geometry!, { cnig: z.cnig });
        n++;
      }
      const msg = t('pub.import.zones.done', { n });
      useAtlas.getState().announce(msg);
      onDone(msg);
    } catch (e) {
      useAtlas.getState().announce(t('zones.outline.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cur-cnig-zones" data-testid="import-site-eco">
      <p className="cur-summary">{t('pub.import.zones.summary', { n: zones.length, m: attachable.length })}</p>
      <ul>
        {rows.map(({ z, match }) => (
          <li key={z.index} className={z.issues.length ? 'cur-error' : match ? 'cur-ok' : 'cur-warn'}>
            <span lang="fr">{[z.siteId, z.name].filter(Boolean).join(' — ')}</span> :{' '}
            {z.issues.length ? z.issues.map((i) => i.message).join(' ; ') : match ? t('pub.import.zones.match', { name: match.name, id: match.zone_id }) : t('pub.import.zones.unknown')}
          </li>
        ))}
      </ul>
      <div className="cur-actions">
        <button type="button" className="primary" disabled={busy || !attachable.length} onClick={() => void attach()}>
          {t('pub.import.zones.attach', { n: attachable.length })}
        </button>
      </div>
    </div>
  );
}
