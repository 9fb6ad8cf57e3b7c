/**
 * What Cartofriches says about a friche, in plain French on the sheet (src/domain/fricheDetails.ts):
 * former activity, owners (names of legal persons only), buildings and asbestos, cadastral
 * parcels, last sale, the Fonds friches / Fonds vert application, and the dates that say what
 * they are. The raw source fields go to a collapsible « données source » block only.
 */
import type { ReactNode } from 'react';
import { readParcelId, type FricheDetails } from '../../domain/fricheDetails';
import type { SiteProperties } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtDate, fmtKm, fmtNumber } from './format';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The call and the full title, under the sheet's title (funding-application titles only). */
export function FricheTitleNote({ details }: { details: FricheDetails }) {
  const t = useT();
  if (!details.application_title || !details.full_name) return null;
  return (
    <p className="friche-title-note" data-testid="friche-title-note">
      <span lang="fr">{t('sheet.friche.application', { call: details.application_title })}</span>{' '}
      <span className="muted" lang="fr">
        {t('sheet.friche.fullName', { name: details.full_name })}
      </span>
    </p>
  );
}

/** Facts of the « Friche » section, after the status and type. */
export function FricheFacts({ details }: { details: FricheDetails }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const unknown = <span className="muted">{t('sheet.value.unknown')}</span>;
  const owners = details.owners;
  const funding = details.funding;
  return (
    <>
      <Fact label={t('sheet.field.formerActivity')} testId="friche-activity">
        {details.former_activity ? (
          <span lang="fr">{details.former_activity}</span>
        ) : details.former_activity_withheld ? (
          <span className="muted">{t('sheet.friche.activityWithheld')}</span>
        ) : (
          unknown
        )}
      </Fact>
      <Fact label={t('sheet.field.owners')} testId="friche-owners">
        {owners && owners.categories.length ? (
          <>
            <span>{[...new Set(owners.categories.map((c) => c.label))].join(', ')}</span>
            {owners.public_owner === 'all' || owners.public_owner === 'some' ? (
              <>
                {' '}
                <span className="badge badge-public">{t(`sheet.owners.public.${owners.public_owner}`)}</span>
              </>
            ) : null}
            {owners.legal_names.length > 0 && (
              <span className="break">
                {' – '}
                <span lang="fr">{owners.legal_names.join(' ; ')}</span>
              </span>
            )}
            {owners.natural_persons && <span className="muted"> – {t('sheet.owners.natural')}</span>}
          </>
        ) : (
          unknown
        )}
      </Fact>
      <Fact label={t('sheet.field.buildings')} testId="friche-buildings">
        {details.buildings !== null ? t('sheet.buildings.count', { n: fmtNumber(locale, details.buildings) }) : unknown}
        {' – '}
        {details.asbestos ? <strong>{t('sheet.buildings.asbestos')}</strong> : <span className="muted">{t('sheet.buildings.asbestosUnknown')}</span>}
      </Fact>
      <Fact label={t('sheet.field.parcels')} testId="friche-parcels">
        {details.parcels.length ? <Parcels ids={details.parcels} /> : unknown}
      </Fact>
      <Fact label={t('sheet.field.lastSale')}>{details.last_sale_year ? t('sheet.lastSale.year', { year: details.last_sale_year }) : unknown}</Fact>
      {funding && (
        <Fact label={t('sheet.field.funding')} testId="friche-funding">
          <span lang="fr">{funding.call ?? details.application_title ?? ''}</span>
          {funding.edition ? <span lang="fr">, {funding.edition}</span> : null}
          {funding.dossier ? <span> – {t('sheet.funding.dossier', { dossier: funding.dossier })}</span> : null}
          {' – '}
          <strong>{t(funding.laureate === true ? 'sheet.funding.laureate' : funding.laureate === false ? 'sheet.funding.notSelected' : 'sheet.funding.unknown')}</strong>
          {funding.nature ? (
            <span className="muted">
              {' – '}
              {t('sheet.funding.nature')} : <span lang="fr">{funding.nature}</span>
            </span>
          ) : null}
        </Fact>
      )}
    </>
  );
}

function Parcels({ ids }: { ids: string[] }) {
  const t = useT();
  return (
    <ul className="parcels">
      {ids.map((id) => {
        const p = readParcelId(id);
        return (
          <li key={id}>
            {p ? t('sheet.parcels.item', { insee: p.insee, section: p.section, number: p.number }) : id} <code className="muted">{id}</code>
          </li>
        );
      })}
    </ul>
  );
}

/** « Données Cartofriches de mars 2024 », « identifiée le … », « actualisée dans Cartofriches le … ». */
export function FricheDates({ details }: { details: FricheDetails }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  return (
    <>
      <Fact label={t('sheet.field.dataDate')} testId="friche-data-date">
        {t('sheet.friche.dataDate', { date: fmtDate(locale, details.data_date) })}
      </Fact>
      <Fact label={t('sheet.field.identified')} testId="friche-identified">
        {details.identified_on ? fmtDate(locale, details.identified_on) : t('sheet.value.unknown')}
        {details.identified_on && details.identified_is_import ? <span className="muted"> – {t('sheet.friche.identifiedImport')}</span> : null}
      </Fact>
      <Fact label={t('sheet.field.sourceUpdated')}>{details.source_updated_on ? fmtDate(locale, details.source_updated_on) : t('sheet.value.unknown')}</Fact>
    </>
  );
}

/** The raw source fields, folded by default. */
export function FricheSourceBlock({ details }: { details: FricheDetails }) {
  const t = useT();
  const entries = Object.entries(details.raw);
  if (entries.length === 0) return null;
  return (
    <details className="friche-raw" data-testid="friche-raw">
      <summary>{t('sheet.raw.summary')}</summary>
      <p className="muted small">{t('sheet.raw.help')}</p>
      <dl className="raw-fields" lang="fr">
        {entries.map(([k, v]) => (
          <div key={k}>
            <dt>
              <code>{k}</code>
            </dt>
            <dd className="break">{String(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Cerema's own rail distance, next to the atlas's station distance, with one line on the difference. */
export function CeremaRailDistance({ site }: { site: SiteProperties }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const m = site.friche_details?.cerema_rail_distance_m;
  if (m == null) return null;
  return (
    <div className="fact" data-testid="cerema-rail">
      <dt>{t('sheet.access.cerema')}</dt>
      <dd>
        <strong>{fmtKm(locale, m)}</strong> <span className="cdg-help">{t('sheet.access.ceremaHelp')}</span>
      </dd>
    </div>
  );
}
