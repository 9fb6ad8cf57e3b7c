/**
 * The planning check of the « clé en main » checklist (item `planning`): does the PLU/PLUi zone
 * of the site say economic activity? Pure. Full rule and its basis: data/planning-rule.md.
 *
 * Input: the zone type, the zone label and the document type as Cartofriches carries them from
 * the Géoportail de l'urbanisme (`urba_zone_type`, `urba_zone_lib`, `urba_doc_type`). The local
 * zone code is the part of `urba_zone_lib` before « - » (« UIb - UIb : activités industrielles »
 * → « UIb »); without a label, `urba_zone_type` is the code.
 *
 * | the zone…                                                                    | outcome      |
 * |------------------------------------------------------------------------------|--------------|
 * | code U + an economic letter (UI, UX, UY, UZ, UE…), label not contradicting it  | `fait`       |
 * | code AU (optionally 1AU) + an economic letter (1AUi, AUx…), not contradicted   | `fait`       |
 * | label says economic activity (« zone d'activités », « activités industrielles », |            |
 * |   « artisanales », « logistique »…) and does not say housing / mixed            | `fait`       |
 * | anything else: other U zones (UA, UC, UCV, UF…), closed AU zones (TYPEZONE AUs, |              |
 * |   2AU…), A, N, carte                                                          |              |
 * |   communale, RNU, no zone given, a document that is not a PLU/PLUi              | `a_verifier` |
 *
 * Letter conventions are local practice (the Code de l'urbanisme only defines the U, AU, A and N
 * families, R151-18 to R151-24), so a `fait` from a letter says « the zone is meant for
 * activities », not « every activity is allowed »: the note says so, quotes the zone and, for the
 * letters E and Z (also used for public facilities and ZAC), asks to confirm in the regulation.
 */

/** Letters that, after U or AU, mark an economic-activity zone in common PLU practice. */
export const ECONOMIC_LETTERS = ['I', 'X', 'Y', 'Z', 'E'] as const;
/** Letters whose meaning varies between PLU (E: équipements publics; Z: ZAC of any kind). */
const AMBIGUOUS_LETTERS = new Set(['E', 'Z']);

export type PlanningOutcome = 'fait' | 'a_verifier';

export interface PlanningDecision {
  outcome: PlanningOutcome;
  /** Local zone code as read (e.g. « UIa-ip », « 1AUi »), or null when no zone is given. */
  zoneCode: string | null;
  /** Zone label as read (text after the code), or null. */
  zoneLabel: string | null;
  /** What decided: the code's letter, the label, or nothing (à vérifier). */
  basis: 'code' | 'label' | null;
  /** Why, in French, quoting the zone. */
  reason: string;
}

export interface PlanningInput {
  zoneType: string | null;
  zoneLabel: string | null;
  docType: string | null;
  /**
   * Declared dominant use of the zone (CNIG PLU `DESTDOMI`, Cartofriches `urba_zone_formdomi` +
   * `_txt`, e.g. « 01 Habitat »). Never decides (in this territory it reads « 01 Habitat » even for
   * an N zone), but a `fait` whose declared use says housing says so in its reason.
   */
  dominantUse?: string | null;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ');
}

const ECONOMIC_LABEL =
  /\b(activites? (economiques?|industrielles?|artisanales?|logistiques?|de production)|zones? d'activites?|parcs? d'activites?|industri\w*|artisana\w*|logistiques?|entrepots?)\b/;
const HOUSING_OR_MIXED_LABEL = /\b(habitat|habitations?|mixtes?|logements?|residenti\w*|pavillon\w*|centre[- ]ville|centre ancien|centre bourg|bourg)\b/;
const FACILITIES_LABEL = /\b(equipements?|sport\w*|scolaires?|loisirs?|cimetieres?|hospitali\w*)\b/;

/** Splits « UIb - UIb : activités industrielles » into code « UIb » and label « UIb : activités industrielles ». */
export function splitZoneLabel(lib: string | null, zoneType: string | null): { code: string | null; label: string | null } {
  const l = lib?.trim() || null;
  const z = zoneType?.trim() || null;
  if (!l) return { code: z, label: null };
  const dash = /\s+-\s+/.exec(l);
  if (dash) {
    const code = l.slice(0, dash.index).trim();
    const label = l.slice(dash.index + dash[0].length).trim();
    if (/^[0-9A-Za-z][\w.-]{0,14}$/.test(code)) return { code, label: label || null };
  }
  const colon = /^([0-9A-Za-z][\w.-]{0,14})\s*:\s*(.+)$/.exec(l);
  if (colon) return { code: colon[1], label: colon[2].trim() };
  if (/^[0-9A-Za-z][\w.-]{0,14}$/.test(l)) return { code: l, label: null };
  return { code: z, label: l };
}

/** Label text without a repeated code prefix (« UIb : activités industrielles » → « activités industrielles »). */
function labelText(label: string | null, code: string | null): string | null {
  if (!label) return null;
  let s = label.trim();
  if (code && s.toLowerCase().startsWith(code.toLowerCase())) s = s.slice(code.length).replace(/^[\s:–-]+/, '');
  return s || null;
}

function quoteZone(code: string | null, label: string | null): string {
  if (!code && !label) return 'aucune zone';
  if (!label) return `zone ${code}`;
  return code ? `zone ${code} (« ${label} »)` : `zone « ${label} »`;
}

interface CodeReading {
  family: 'U' | 'AU' | 'A' | 'N' | 'other';
  /** The letter after U / AU, upper-case, or null. */
  letter: string | null;
  /** 2AU…: closed zone to urbanise. */
  closed: boolean;
}

export function readZoneCode(code: string): CodeReading {
  const c = code.trim();
  const au = /^([0-9]*)AU([A-Za-z]?)/i.exec(c);
  if (au) return { family: 'AU', letter: au[2] ? au[2].toUpperCase() : null, closed: au[1] !== '' && au[1] !== '1' };
  const u = /^U([A-Za-z]?)/i.exec(c);
  if (u) return { family: 'U', letter: u[1] ? u[1].toUpperCase() : null, closed: false };
  if (/^A/i.test(c)) return { family: 'A', letter: null, closed: false };
  if (/^N/i.test(c)) return { family: 'N', letter: null, closed: false };
  return { family: 'other', letter: null, closed: false };
}

const LETTER_MEANING: Record<string, string> = {
  I: 'activités industrielles ou artisanales',
  X: 'activités économiques',
  Y: 'activités économiques',
  Z: 'activités économiques (souvent une ZAC)',
  E: 'activités économiques',
};

export function classifyPlanningZone(input: PlanningInput): PlanningDecision {
  const { code, label } = splitZoneLabel(input.zoneLabel, input.zoneType);
  const text = labelText(label, code);
  const zone = quoteZone(code, text);
  const doc = input.docType?.trim().toUpperCase() || null;
  const toCheck = (reason: string): PlanningDecision => ({ outcome: 'a_verifier', zoneCode: code, zoneLabel: text, basis: null, reason });

  if (!code && !text) {
    if (doc === 'CC') {
      return toCheck(
        "Aucune zone renseignée : la commune est couverte par une carte communale, qui n'a pas de zones de PLU ; vérifier que le terrain est en secteur constructible et si ce secteur admet des activités.",
      );
    }
    if (doc === 'RNU') return toCheck("Aucune zone renseignée : la commune relève du règlement national d'urbanisme ; vérifier la constructibilité du terrain.");
    if (doc) return toCheck(`Aucune zone renseignée (document : ${input.docType?.trim()}) ; vérifier le zonage dans le document d'urbanisme.`);
    return toCheck("Ni document d'urbanisme ni zone renseignés par la source ; vérifier le zonage auprès de la commune ou sur le Géoportail de l'urbanisme.");
  }

  if (doc && !doc.startsWith('PLU')) {
    return toCheck(`${cap(zone)} d'un document de type ${input.docType?.trim()}, pas d'un PLU/PLUi : la règle des zones de PLU ne s'applique pas ; vérifier le document.`);
  }

  const folded = text ? fold(text) : '';
  const labelEconomic = ECONOMIC_LABEL.test(folded);
  const labelHousing = HOUSING_OR_MIXED_LABEL.test(folded);
  const labelFacilities = FACILITIES_LABEL.test(folded);
  const read = code ? readZoneCode(code) : { family: 'other' as const, letter: null, closed: false };
  // CNIG TYPEZONE « AUs » = zone à urbaniser bloquée, whatever its local code.
  const reading = { ...read, closed: read.closed || (read.family === 'AU' && input.zoneType?.trim().toUpperCase() === 'AUS') };
  const letterEconomic = reading.letter !== null && (ECONOMIC_LETTERS as readonly string[]).includes(reading.letter);

  if ((reading.family === 'U' || reading.family === 'AU') && letterEconomic && !reading.closed) {
    if (labelHousing || (labelFacilities && !labelEconomic)) {
      return toCheck(
        `${cap(zone)} : la lettre ${reading.letter} désigne souvent des activités économiques, mais le libellé décrit autre chose ; vérifier le règlement de la zone.`,
      );
    }
    const family = reading.family === 'U' ? 'zone urbaine (U)' : 'zone à urbaniser (AU) ouverte';
    const ambiguous = AMBIGUOUS_LETTERS.has(reading.letter!) && !labelEconomic;
    const use = input.dominantUse?.trim() || null;
    const useSaysHousing = use !== null && /^0?1\b|habitat/i.test(use) && !labelEconomic;
    const reason =
      `${cap(zone)} : ${family} dont la lettre ${reading.letter} désigne, selon l'usage des PLU, des ${LETTER_MEANING[reading.letter!]}.` +
      (ambiguous
        ? ` Certains PLU emploient aussi la lettre ${reading.letter} pour ${reading.letter === 'E' ? 'les équipements publics' : 'une ZAC de toute vocation'} : à confirmer dans le règlement.`
        : ' Le règlement de la zone précise les activités admises.') +
      (useSaysHousing ? ` La vocation dominante déclarée (« ${use} ») ne le confirme pas.` : '');
    return { outcome: 'fait', zoneCode: code, zoneLabel: text, basis: 'code', reason };
  }

  if (labelEconomic && !labelHousing && reading.family !== 'A' && reading.family !== 'N' && !reading.closed) {
    return {
      outcome: 'fait',
      zoneCode: code,
      zoneLabel: text,
      basis: 'label',
      reason: `${cap(zone)} : le libellé de la zone désigne des activités économiques. Le règlement de la zone précise les activités admises.`,
    };
  }

  switch (reading.family) {
    case 'N':
      return toCheck(
        `${cap(zone)} : zone naturelle ; une activité économique n'y est en principe pas admise, sauf dans un secteur de taille et de capacité d'accueil limitées (STECAL) ; vérifier le règlement.`,
      );
    case 'A':
      return toCheck(`${cap(zone)} : zone agricole ; une activité économique non agricole n'y est en principe pas admise ; vérifier le règlement.`);
    case 'AU':
      if (reading.closed) return toCheck(`${cap(zone)} : zone à urbaniser fermée ; son ouverture demande une évolution du PLU.`);
      return toCheck(`${cap(zone)} : zone à urbaniser dont ni le code ni le libellé ne désignent des activités économiques ; vérifier l'orientation d'aménagement et le règlement.`);
    case 'U':
      if (labelHousing) {
        return toCheck(
          `${cap(zone)} : zone urbaine d'habitat, de centre ou mixte ; ni le code ni le libellé ne désignent une zone d'activités économiques. Le règlement dit si une activité artisanale ou industrielle y est admise.`,
        );
      }
      return toCheck(
        `${cap(zone)} : zone urbaine dont ni le code ni le libellé ne désignent une zone d'activités économiques ; le règlement dit si une activité artisanale ou industrielle y est admise.`,
      );
    default:
      return toCheck(`${cap(zone)} : ni le code ni le libellé ne désignent une zone d'activités économiques ; vérifier le document d'urbanisme.`);
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
