import { MatchKeys, type MatchPerson } from '@linkages/platform-crypto';
import { compare, type AgeBandValue } from './comparison';
import { defaultMatchModel } from './default-match-model';
import { assessPair } from './match-pair';
import { scoreMatch } from './match-model';
import { defaultMatchSettings } from './match-settings';

// Real keyed tokens (a fixed test key): the model sees only what the agencies publish.
const keys = new MatchKeys(Buffer.alloc(32, 7));
const subject = (p: MatchPerson, ageBand: AgeBandValue = '20-plus', role = 'parent') => ({ keys: keys.forPerson(p), ageBand, role });
const assess = (a: MatchPerson, b: MatchPerson, tf = {}, bands: [AgeBandValue, AgeBandValue] = ['20-plus', '20-plus']) =>
  assessPair(subject(a, bands[0]), subject(b, bands[1]), defaultMatchModel, defaultMatchSettings, tf);

const maria = { firstName: 'Maria', lastName: 'Hernandez', dateOfBirth: '1990-04-12', ssn: '123-45-6789' };

describe('matching: comparison levels from match keys', () => {
  it('exact SSN, date of birth and names link automatically', () => {
    const result = assess(maria, { ...maria, ssn: '123456789' });
    expect(result.evidence.levels).toEqual({ ssn: 'exact', dob: 'exact', first: 'exact', last: 'exact', role: 'compatible' });
    expect(result.outcome).toBe('link');
  });

  it('a swapped day and month is the swapped level and still links on SSN and names', () => {
    const result = assess({ ...maria, dateOfBirth: '1990-12-04' }, { ...maria, dateOfBirth: '1990-04-12' });
    expect(result.evidence.levels.dob).toBe('swapped');
    expect(result.outcome).toBe('link');
  });

  it('a nickname agrees as nickname (Lupe for Guadalupe, Bill for William)', () => {
    const lupe = { firstName: 'Guadalupe', lastName: 'Ramirez', dateOfBirth: '1985-02-03', ssn: '234-56-7890' };
    const result = assess(lupe, { ...lupe, firstName: 'Lupe' });
    expect(result.evidence.levels.first).toBe('nickname');
    expect(result.outcome).toBe('link');
    expect(compare(subject({ ...lupe, firstName: 'William' }), subject({ ...lupe, firstName: 'Bill' })).first).toBe('nickname');
  });

  it('a hyphenated or married last name shares a part; a fully changed name still links on SSN and DOB', () => {
    const ana = { firstName: 'Ana', lastName: 'Lopez', dateOfBirth: '1992-07-21', ssn: '345-67-8901' };
    const hyphenated = assess(ana, { ...ana, lastName: 'Lopez-Garcia' });
    expect(hyphenated.evidence.levels.last).toBe('shared-part');
    expect(hyphenated.outcome).toBe('link');
    const married = assess(ana, { ...ana, lastName: 'Nguyen' });
    expect(married.evidence.levels.last).toBe('none');
    expect(married.outcome).toBe('link');
  });

  it('a typo in a name is a high Dice level, and links with the date of birth and SSN', () => {
    const result = assess(maria, { ...maria, lastName: 'Hernandes' });
    expect(['dice-85', 'phonetic']).toContain(result.evidence.levels.last);
    expect(result.outcome).toBe('link');
    const noSsn = assess({ ...maria, firstName: 'Alejandra', ssn: undefined }, { ...maria, firstName: 'Alejnadra', ssn: undefined });
    expect(['dice-85', 'dice-70', 'phonetic']).toContain(noSsn.evidence.levels.first);
    expect(noSsn.outcome).not.toBe('none');
  });

  it('twins (same birth date and surname, different first names) are never linked', () => {
    const twinA = { firstName: 'Daniel', lastName: 'Tran', dateOfBirth: '2015-09-09' };
    const twinB = { firstName: 'David', lastName: 'Tran', dateOfBirth: '2015-09-09' };
    const result = assess(twinA, twinB, {}, ['child', 'child']);
    expect(result.outcome).not.toBe('link');
    const withSsns = assess({ ...twinA, ssn: '456-78-9012' }, { ...twinB, ssn: '456-78-9013' }, {}, ['child', 'child']);
    expect(withSsns.outcome).not.toBe('link');
  });

  it('two common-name people born the same year are not linked', () => {
    const a = { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1988-03-14' };
    const b = { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1988-11-02' };
    const result = assess(a, b, { first: 0.03, last: 0.04 });
    expect(result.outcome).not.toBe('link');
    // The same dates but the names rare: the weight of the name agreement is higher (term-frequency adjustment).
    const rare = assess(a, b, { first: 0.0005, last: 0.0005 });
    expect(rare.evidence.weight).toBeGreaterThan(result.evidence.weight);
  });

  it('a common name with the date of birth swapped is held for review (common-name-only guard)', () => {
    const a = { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1988-03-11' };
    const b = { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1988-11-03' };
    const result = assess(a, b, { first: 0.03, last: 0.04 });
    expect(result.evidence.guards).toContain('common-name-only');
    expect(result.outcome).not.toBe('link');
  });

  it('an SSN conflict is never linked automatically, however well everything else agrees', () => {
    const result = assess(maria, { ...maria, ssn: '123-45-6780' });
    expect(result.evidence.levels.ssn).toBe('differ');
    expect(result.outcome).not.toBe('link');
    expect(result.evidence.guards).toContain('ssn-conflict');
  });

  it('a child never links to an adult of 20 or more', () => {
    const result = assess(maria, maria, {}, ['child', '20-plus']);
    expect(result.evidence.guards).toContain('role-conflict');
    expect(result.outcome).not.toBe('link');
  });

  it('the evidence holds levels and weights, never a token', () => {
    const result = assess(maria, maria);
    const text = JSON.stringify(result.evidence);
    const tokens = keys.forPerson(maria);
    for (const token of [tokens.ssn, tokens.first.exact, tokens.last.exact, tokens.first.bloom, ...tokens.blocking]) {
      expect(text).not.toContain(token);
    }
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('weights add up: the probability follows the total weight', () => {
    const levels = compare(subject(maria), subject(maria));
    const score = scoreMatch(levels, defaultMatchModel);
    const sum = score.priorWeight + Object.values(score.partialWeights).reduce((a, b) => a + b, 0);
    expect(score.weight).toBeCloseTo(sum, 2);
    expect(score.probability).toBeCloseTo(1 / (1 + 2 ** -score.weight), 6);
  });
});
