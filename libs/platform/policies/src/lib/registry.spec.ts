import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDue } from '@linkages/platform-deadlines';
import { PolicyRegistry, policyRegistry, policyRules } from './registry';
import { renderRulesMarkdown } from './rules-doc';

describe('policy registry', () => {
  it('docs/rules.md is current (run `npm run rules:doc` and commit it)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(renderRulesMarkdown(policyRules));
  });

  it('holds the first ten rules of RULES.md section 9', () => {
    const ids = policyRules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([
      'cws.er.immediate-response', 'cws.er.ten-day-response', // 1. ER response clock
      'cws.court.petition-filing', 'cws.court.detention-hearing', 'cws.court.jurisdiction-detained', 'cws.court.jurisdiction-not-detained', // 2. detention chain
      'cws.case.initial-case-plan', 'cws.case.case-plan-update', // 3. case plan
      'cws.court.entered-foster-care-anchor', 'cws.court.six-month-review', 'cws.court.twelve-month-permanency', 'cws.court.eighteen-month-review', 'cws.court.section-366-26-after-bypass', // 4. reunification clock
      'cws.case.first-cft-meeting', 'cws.case.first-cft-meeting-icwa', // 5. CFTM
      'calworks.wtw.compliance-period', 'calworks.wtw.sanction-task-to-ew', 'calworks.wtw.timely-notice', // 6. WTW 20-day period
      'calworks.wtw.untick-guard', // 7. 60-day guard
      'calworks.wtw.cure-plan', 'calworks.wtw.cure-activity', // 8. cure
      'calworks.fr.temporary-absence', 'calworks.fr.ab135-window', // 9. AB 135
      'linkages.fr-worker-contacts-csw', // 10. Linkages hand-off
    ]));
  });

  it.each(policyRules.map((r) => [r.id, r] as const))('%s is complete, cited and computable', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(rule.citation.length).toBeGreaterThan(3);
    expect(rule.source.length).toBeGreaterThan(3);
    if (rule.status !== 'confirmed') expect(rule.configurablePerCounty).toBe(true);
    for (const s of rule.reminders) expect(s.before).toMatch(/^P(T\d+H|\d+D)$/);
    for (const l of rule.escalation) expect(l.acknowledgeWithin).toMatch(/^P(T\d+H|\d+D)$/);
    expect(rule.escalation.map((l) => l.level)).toEqual(rule.escalation.map((_, i) => i + 1));
    const due = computeDue(rule, '2026-11-25T16:40:00-08:00', policyRegistry.calendarFor(rule, '06085'));
    expect(Date.parse(due.dueAt!)).toBeGreaterThan(Date.parse('2026-11-25T16:40:00-08:00'));
    expect(due.explanation.summary).toContain(rule.citation);
  });

  it('applies a county configuration to configurable rules, with its source, and refuses it on confirmed ones', () => {
    const registry = new PolicyRegistry(policyRules, {
      '06085': { name: 'Santa Clara', rules: { 'calworks.wtw.compliance-period': { rollForward: false, source: 'Santa Clara CWES handbook (CalSAWS day 20 not rolled)' } }, calendar: { addHolidays: ['cesar-chavez-day'] } },
    });
    expect(registry.rule('calworks.wtw.compliance-period', '06085').rollForward).toBe(false);
    expect(registry.rule('calworks.wtw.compliance-period', '06085').source).toMatch(/county 06085 configuration/);
    expect(registry.rule('calworks.wtw.compliance-period', '06037').rollForward).toBeUndefined();
    expect(registry.calendarFor({ calendar: 'county' }, '06085').holidays).toContain('cesar-chavez-day');
    expect(() => new PolicyRegistry(policyRules, { '06001': { name: 'Alameda', rules: { 'cws.er.ten-day-response': { length: 14, source: 'x' } } } })).toThrow(/confirmed state rule/);
    expect(() => new PolicyRegistry(policyRules, { '06001': { name: 'Alameda', rules: { 'no.such.rule': { source: 'x' } } } })).toThrow(/unknown rule/);
    expect(() => policyRegistry.rule('no.such.rule')).toThrow(/Unknown policy rule/);
  });
});
