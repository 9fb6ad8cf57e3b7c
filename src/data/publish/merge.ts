/**
 * Several producers publish (four EPCI): their packages merge into one public atlas.
 * - An id claimed by two packages (site_id of SITE-ECO, terr_id of TERRAIN-ECO, SIRET of
 *   ETABLISSEMENT) is an error that names both files.
 * - A TERRAIN-ECO's `site_id` must name a published SITE-ECO (any package) or a zone of the
 *   register (zones_index.csv ids, e.g. « Z01 »): otherwise the plot's zone is unknown.
 * - One register zone published (matched by id or name) by two packages is an error.
 * Pure.
 */
import { CNIG_STANDARD, type CnigClass } from '../../domain/cnig';
import { normalizeForSearch } from '../../domain/text';
import type { ZoneRecord } from '../../domain/types';
import type { PackageIssue, ParsedPackage } from './types';

function issue(file: string, where: string, index: number, id: string | null, name: string | null, field: string, rule: string, problem: string, code: string): PackageIssue {
  const who = id || name ? ` (« ${[id, name].filter(Boolean).join(' — ')} »)` : '';
  return {
    level: 'error',
    code,
    file,
    featureIndex: index,
    featureLabel: id ?? name,
    featureId: id,
    featureName: name,
    field,
    rule,
    message: `${file}, ${where}${who} : champ « ${field} » : ${problem} [règle : ${rule}]`,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Register zone names, normalised: the full name and the name without its parenthesis (« Parc d'activités du Plateau »). */
function nameKeys(name: string): string[] {
  const full = normalizeForSearch(name);
  const short = normalizeForSearch(name.replace(/\s*\(.*\)\s*$/, ''));
  return [...new Set([full, short].filter(Boolean))];
}

/** The register zone a published SITE-ECO stands for: same id, else same name; null when new. */
export function matchRegisterZone(siteId: string | null, siteName: string | null, register: readonly ZoneRecord[]): ZoneRecord | null {
  if (siteId) {
    const byId = register.find((z) => z.zone_id === siteId);
    if (byId) return byId;
  }
  if (!siteName) return null;
  const keys = new Set(nameKeys(siteName));
  return register.find((z) => nameKeys(z.name).some((k) => keys.has(k))) ?? null;
}

/** Issues between packages (the per-package ones come from validatePackage). */
export function crossPackageIssues(packages: readonly ParsedPackage[], register: readonly ZoneRecord[]): PackageIssue[] {
  const out: PackageIssue[] = [];
  const seen = new Map<string, { file: string; where: string }>();
  const siteIds = new Set<string>();
  const registerClaims = new Map<string, { file: string; where: string }>();
  for (const cls of ['site_eco', 'terrain_eco', 'etablissement'] as CnigClass[]) {
    const pk = CNIG_STANDARD.classes[cls].primaryKey;
    for (const p of packages) {
      const c = p.classes[cls];
      if (!c) continue;
      for (const row of c.rows) {
        const id = text(row.values[pk]);
        if (!id) continue;
        const name = cls === 'site_eco' ? text(row.values.site_nom) : cls === 'terrain_eco' ? text(row.values.atlas_nom) : text(row.values.etab_nom);
        const key = `${cls}\u0000${id}`;
        const first = seen.get(key);
        if (first && first.file !== c.file) {
          out.push(issue(c.file, row.where, row.index, id, name, pk, 'identifiant unique entre paquets', `l'identifiant « ${id} » est aussi publié dans ${first.file} (${first.where}) : deux paquets ne peuvent pas publier le même ${cls === 'site_eco' ? 'site' : cls === 'terrain_eco' ? 'terrain' : 'établissement'}.`, 'duplicate-id'));
        } else if (!first) seen.set(key, { file: c.file, where: row.where });
        if (cls === 'site_eco') {
          siteIds.add(id);
          const z = matchRegisterZone(id, name, register);
          if (z) {
            const claim = registerClaims.get(z.zone_id);
            if (claim && claim.file !== c.file) {
              out.push(issue(c.file, row.where, row.index, id, name, 'site_id', 'une zone du registre par paquet', `cette zone est la zone « ${z.name} » (${z.zone_id}) du registre, déjà publiée dans ${claim.file} (${claim.where}).`, 'duplicate-zone'));
            } else if (!claim) registerClaims.set(z.zone_id, { file: c.file, where: row.where });
          }
        }
      }
    }
  }
  const registerIds = new Set(register.map((z) => z.zone_id));
  for (const p of packages) {
    const c = p.classes.terrain_eco;
    if (!c) continue;
    for (const row of c.rows) {
      const siteId = text(row.values.site_id);
      if (!siteId || siteIds.has(siteId) || registerIds.has(siteId)) continue;
      out.push(
        issue(c.file, row.where, row.index, text(row.values.terr_id), text(row.values.atlas_nom), 'site_id', 'rattachement à un site économique', `« ${siteId} » n'est ni un site_eco publié ni une zone du registre (${[...registerIds].slice(0, 3).join(', ')}…) : publiez le site_eco de cette zone ou utilisez l'identifiant du registre.`, 'unknown-site'),
      );
    }
  }
  return out;
}
