import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calworksRules } from '@linkages/calworks-domain';
import { cwsRules } from '@linkages/child-welfare-domain';
import { repoRoot } from '@linkages/platform-config';
import { PolicyRegistry, computeDue, renderRulesMarkdown } from '@linkages/platform-deadlines';
import { linkagesRules } from '@linkages/referrals-domain';

// Every domain's rule catalog together, as `npm run rules:doc` composes them (tools/rules-doc.mjs).
const allRules = [...cwsRules, ...calworksRules, ...linkagesRules];
const registry = new PolicyRegistry(allRules);

describe('the rule catalogs of every domain', () => {
  it('docs/rules.md is current (run `npm run rules:doc` and commit it)', () => {
    const committed = readFileSync(join(repoRoot(), 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(renderRulesMarkdown(allRules));
  });

  it('holds the first ten rules of RULES.md section 9', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cws.er.immediate-response',
        'cws.er.ten-day-response', // 1. ER response clock
        'cws.court.petition-filing',
        'cws.court.detention-hearing',
        'cws.court.jurisdiction-detained',
        'cws.court.jurisdiction-not-detained', // 2. detention chain
        'cws.case.initial-case-plan',
        'cws.case.case-plan-update', // 3. case plan
        'cws.court.entered-foster-care-anchor',
        'cws.court.six-month-review',
        'cws.court.twelve-month-permanency',
        'cws.court.eighteen-month-review',
        'cws.court.section-366-26-after-bypass', // 4. reunification clock
        'cws.case.first-cft-meeting',
        'cws.case.first-cft-meeting-icwa', // 5. CFTM
        'calworks.wtw.compliance-period',
        'calworks.wtw.sanction-task-to-ew',
        'calworks.wtw.timely-notice', // 6. WTW 20-day period
        'calworks.wtw.untick-guard', // 7. 60-day guard
        'calworks.wtw.cure-plan',
        'calworks.wtw.cure-activity', // 8. cure
        'calworks.fr.temporary-absence',
        'calworks.fr.ab135-window', // 9. AB 135
        'linkages.fr-worker-contacts-csw', // 10. Linkages hand-off
      ]),
    );
  });

  it('gives each rule to exactly one domain (its id names the domain that owns it)', () => {
    expect(cwsRules.every((r) => r.id.startsWith('cws.'))).toBe(true);
    expect(calworksRules.every((r) => r.id.startsWith('calworks.'))).toBe(true);
    expect(linkagesRules.every((r) => r.id.startsWith('linkages.'))).toBe(true);
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s is complete, cited and computable', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(rule.citation.length).toBeGreaterThan(3);
    expect(rule.source.length).toBeGreaterThan(3);
    // The fact the count starts from, named in every explanation with its date.
    expect(rule.anchor).toMatch(/^(the|a|an) [^.]+$/);
    if (rule.status !== 'confirmed') expect(rule.configurablePerCounty).toBe(true);
    for (const s of rule.reminders) expect(s.before).toMatch(/^P(T\d+H|\d+D)$/);
    for (const l of rule.escalation) expect(l.acknowledgeWithin).toMatch(/^P(T\d+H|\d+D)$/);
    expect(rule.escalation.map((l) => l.level)).toEqual(rule.escalation.map((_, i) => i + 1));
    const due = computeDue(rule, '2026-11-25T16:40:00-08:00', registry.calendarFor(rule, '06085'));
    expect(Date.parse(due.dueAt!)).toBeGreaterThan(Date.parse('2026-11-25T16:40:00-08:00'));
    expect(due.explanation.summary).toContain(rule.citation);
  });
});
