/**
 * The planning check (« Urbanisme : zonage compatible »): « fait » only when the PLU zone's code
 * or label says economic activity, « à vérifier » with the zone and the reason otherwise.
 * Rule: data/planning-rule.md. Golden fixture: invented zone codes, one case per branch
 * (tests/fixtures/sites/planning/zones.in.json → zones.out.json; UPDATE_GOLDEN=1 rewrites the
 * output, then review the diff). The real-data block counts the outcomes on the 23 real friches
 * (skipped when ../shared/opendata is absent).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fricheToSite, planningItem, type CartofrichesFeature } from '../../../src/domain/cartofriches';
import { classifyPlanningZone, splitZoneLabel } from '../../../src/domain/planningRule';
import { expectGolden, goldenInput, OPENDATA, readJson } from './helpers';

type Case = Record<string, string> & { case: string };

describe('planning rule — golden fixture (one invented zone per branch)', () => {
  const cases = goldenInput<Case[]>('planning', 'zones');
  const results = cases.map((c) => ({ case: c.case, ...planningItem(c) }));

  it('matches tests/fixtures/sites/planning/zones.out.json', () => {
    expectGolden('planning', 'zones', results);
  });

  it('ticks only the zones whose code or label says economic activity', () => {
    const done = results.filter((r) => r.status === 'fait').map((r) => r.case);
    expect(done).toEqual([
      'UIa industrial, code only',
      'UIb with label',
      'UX lower-case letter',
      'UY code only, no label',
      'UE code only, declared use housing',
      'UZ with an economic label',
      'UB with an economic label',
      '1AUi open AU zone for industry',
      'AUx open AU zone',
      'Label without code separator',
    ]);
    for (const r of results) expect(['fait', 'a_verifier']).toContain(r.status);
  });

  it('every « à vérifier » quotes the zone (when there is one) and gives a reason', () => {
    for (const [i, r] of results.entries()) {
      if (r.status !== 'a_verifier') continue;
      const code = splitZoneLabel(cases[i].urba_zone_lib ?? null, cases[i].urba_zone_type ?? null).code;
      if (code) expect(r.note, r.case).toMatch(new RegExp(`^Zone ${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
      expect(r.note!.length, r.case).toBeGreaterThan(60);
    }
  });

  it('says when a letter is ambiguous and when the declared use does not confirm it', () => {
    const ue = results.find((r) => r.case === 'UE code only, declared use housing')!;
    expect(ue.note).toContain('équipements publics : à confirmer dans le règlement');
    expect(ue.note).toContain('La vocation dominante déclarée (« 01 Habitat ») ne le confirme pas');
    const uz = results.find((r) => r.case === 'UZ with an economic label')!;
    expect(uz.note).not.toContain('à confirmer');
  });

  it('reads the code before « - » and the label after it', () => {
    expect(splitZoneLabel('UIa-ip - UIa : activités artisanales', 'U')).toEqual({ code: 'UIa-ip', label: 'UIa : activités artisanales' });
    expect(splitZoneLabel(null, 'UX')).toEqual({ code: 'UX', label: null });
    expect(classifyPlanningZone({ zoneType: 'U', zoneLabel: 'UIa-ip - UIa : activités artisanales', docType: 'PLUI' }).basis).toBe('code');
  });
});

const REAL = join(OPENDATA, 'friches/friches.geojson');

describe.skipIf(!existsSync(REAL))('planning rule — the 23 real friches of the PETR', () => {
  const fc = existsSync(REAL) ? readJson<{ features: CartofrichesFeature[] }>(REAL) : { features: [] };
  const planning = new Map(fc.features.map((f) => [String(f.properties.id), fricheToSite(f).properties.readiness.planning]));

  it('3 « fait » (UIa-ip, UIb, UE), the 20 others « à vérifier »', () => {
    expect(planning.size).toBe(23);
    const done = [...planning].filter(([, p]) => p.status === 'fait').map(([id]) => id).sort();
    expect(done).toEqual(['02174_10006', '02326_1376', '02810_2309']);
    expect([...planning.values()].filter((p) => p.status === 'a_verifier')).toHaveLength(20);
  });

  it('no centre-ville, mixed or housing zone is ticked; each quotes its zone', () => {
    for (const [id, p] of planning) {
      const lib = String(fc.features.find((f) => f.properties.id === id)!.properties.urba_zone_lib ?? '');
      if (/^(UCV|UF|UA|UC1) /.test(lib)) {
        expect(p.status, id).toBe('a_verifier');
        expect(p.note, id).toContain(`Zone ${lib.split(' ')[0]}`);
      }
    }
  });
});
