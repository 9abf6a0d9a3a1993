// The generated population of the matching benchmark (tools/bench/matching.mjs): families known to child welfare,
// to CalWORKs or to both, each agency holding its own copy of each person with realistic recording noise. Seeded, so
// a run is reproducible. Synthetic names from matching-names.json; no real person.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const names = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'matching-names.json'), 'utf8'));

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weighted = (table) => {
  const entries = Object.entries(table);
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return (rand) => {
    let x = rand() * total;
    for (const [value, w] of entries) if ((x -= w) < 0) return value;
    return entries[entries.length - 1][0];
  };
};

/** The noise rates (per agency record) the issue asks for; plan §3. */
export const noise = {
  firstTypo: 0.03,
  lastTypo: 0.03,
  dayMonthSwap: 0.02,
  dobDigitTypo: 0.01,
  surnameChangeAdult: 0.08,
  nickname: 0.05,
  twinsPerFamily: 0.015,
  cwsDuplicateFamily: 0.02,
};

const pad = (n, w = 2) => String(n).padStart(w, '0');
const letters = 'abcdefghijklmnopqrstuvwxyz';

function typo(name, rand) {
  if (name.length < 3) return name;
  const i = 1 + Math.floor(rand() * (name.length - 2));
  const kind = rand();
  const c = letters[Math.floor(rand() * letters.length)];
  if (kind < 0.3) return name.slice(0, i) + c + name.slice(i + 1); // substitution
  if (kind < 0.55) return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2); // transposition
  if (kind < 0.8) return name.slice(0, i) + name.slice(i + 1); // deletion
  return name.slice(0, i) + c + name.slice(i); // insertion
}

/**
 * `families` shared-family truths; returns agency records `{ agency, familyRef, personId, role, ageBand, firstName,
 * lastName, dateOfBirth, ssn }`, with personId the truth (never given to the matcher).
 */
export function generatePopulation({ seed = 20261201, families = 2000, asOf = '2026-12-01' } = {}) {
  const rand = prng(seed);
  const surname = weighted(names.surnames);
  const female = weighted(names.female);
  const male = weighted(names.male);
  const usedSsn = new Set();
  const ssn = () => {
    for (;;) {
      let area = 1 + Math.floor(rand() * 899);
      if (area === 666) area = 665;
      const value = `${pad(area, 3)}-${pad(1 + Math.floor(rand() * 99))}-${pad(1 + Math.floor(rand() * 9999), 4)}`;
      if (!usedSsn.has(value)) return (usedSsn.add(value), value);
    }
  };
  const date = (fromYear, toYear) => {
    const y = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    return `${y}-${pad(m)}-${pad(d)}`;
  };
  const asOfYear = Number(asOf.slice(0, 4));
  const ageBand = (dob) => {
    const [y, m, d] = dob.split('-').map(Number);
    const [ay, am, ad] = asOf.split('-').map(Number);
    const age = ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
    return age < 18 ? 'child' : age < 20 ? 'under-20' : '20-plus';
  };
  const person = (lastName, adult) => {
    const sex = rand() < 0.5 ? 'f' : 'm';
    const dateOfBirth = adult ? date(asOfYear - 52, asOfYear - 18) : date(asOfYear - 17, asOfYear - 1);
    return { personId: `p${people.length}`, sex, firstName: sex === 'f' ? female(rand) : male(rand), lastName, dateOfBirth, adult };
  };

  const people = [];
  const truthFamilies = [];
  let twins = 0;
  for (let f = 0; f < families; f++) {
    const family = surname(rand);
    const members = [];
    const first = person(family, true);
    people.push(first);
    members.push(first);
    if (rand() < 0.45) {
      const partner = person(rand() < 0.6 ? surname(rand) : family, true);
      people.push(partner);
      members.push(partner);
    }
    const childCount = [1, 1, 2, 2, 2, 3, 3, 4][Math.floor(rand() * 8)];
    const childSurname =
      members.length === 2 && members[1].lastName !== family && rand() < 0.1 ? `${family}-${members[1].lastName}` : family;
    for (let c = 0; c < childCount; c++) {
      const child = person(childSurname, false);
      people.push(child);
      members.push(child);
    }
    if (childCount >= 2 && rand() < noise.twinsPerFamily / 0.6) {
      const [a, b] = members.filter((m) => !m.adult);
      b.dateOfBirth = a.dateOfBirth;
      b.lastName = a.lastName;
      while (b.firstName === a.firstName) b.firstName = (b.sex === 'f' ? female : male)(rand);
      twins++;
    }
    const x = rand();
    const agencies = x < 0.39 ? ['cws', 'calworks'] : x < 0.56 ? ['cws'] : ['calworks'];
    truthFamilies.push({ id: `f${f}`, members, agencies });
  }
  for (const p of people) p.ssn = ssn();

  const records = [];
  let duplicates = 0;
  const copy = (p, agency, familyRef, options = {}) => {
    let firstName = p.firstName;
    let lastName = p.lastName;
    let [y, m, d] = p.dateOfBirth.split('-').map(Number);
    if (rand() < noise.nickname && names.nicknames[firstName]) {
      const nicks = names.nicknames[firstName];
      firstName = nicks[Math.floor(rand() * nicks.length)];
    }
    if (rand() < noise.firstTypo) firstName = typo(firstName, rand);
    if (options.surnameChange) lastName = options.surnameChange;
    if (rand() < noise.lastTypo) lastName = typo(lastName, rand);
    if (rand() < noise.dayMonthSwap && d <= 12 && d !== m) [m, d] = [d, m];
    else if (rand() < noise.dobDigitTypo) {
      if (rand() < 0.5) d = d === 28 ? 18 : ((d + 10) % 28) + 1;
      else y = y + (rand() < 0.5 ? 1 : -1);
    }
    const hasSsn = agency === 'cws' ? (p.adult ? rand() < 0.75 : rand() < 0.3) : p.adult ? rand() < 0.95 : rand() < 0.88;
    records.push({
      index: records.length,
      agency,
      familyRef,
      personId: p.personId,
      role: p.adult ? 'parent' : 'child',
      ageBand: ageBand(p.dateOfBirth),
      firstName,
      lastName,
      dateOfBirth: `${y}-${pad(m)}-${pad(d)}`,
      ssn: hasSsn ? p.ssn : undefined,
    });
  };
  for (const family of truthFamilies) {
    // An adult's surname recorded differently by one agency: hyphenated with a partner's, or changed (marriage).
    const changed = new Map();
    for (const p of family.members) {
      if (p.adult && rand() < noise.surnameChangeAdult) {
        changed.set(p.personId, rand() < 0.5 ? `${p.lastName}-${surname(rand)}` : surname(rand));
      }
    }
    for (const agency of family.agencies) {
      const ref = `${agency}:${family.id}`;
      const members = agency === 'calworks' ? family.members.filter((p, i) => i !== 1 || !p.adult || rand() < 0.9) : family.members;
      for (const p of members) copy(p, agency, ref, { surnameChange: agency === 'calworks' ? changed.get(p.personId) : undefined });
      if (agency === 'cws' && rand() < noise.cwsDuplicateFamily / 0.56) {
        duplicates++;
        for (const p of members) copy(p, agency, `${ref}:dup`);
      }
    }
  }
  return { people, families: truthFamilies, records, twins, duplicateFamilies: duplicates };
}

/**
 * A crowd of look-alikes (the e2e suites' many people of one name and birth date; a county's common names, shared
 * birthdays, a shelter's intake): `size` agency records of one first name, surname and date of birth, each in its own
 * family, in both agencies, each a different person with her own SSN (most of them), except `matches` people held by
 * both agencies (one record each side; all but one with the SSN both sides) and `duplicates` people child welfare
 * entered twice (same SSN). Same record shape as generatePopulation; person ids `c<n>`, families `crowd:<n>`.
 */
export function generateCrowd({
  seed = 20261201,
  size = 300,
  matches = 6,
  duplicates = 2,
  firstName = 'Maria',
  lastName = 'Garcia',
  dateOfBirth = '1987-03-14',
  start = 0,
} = {}) {
  const rand = prng(seed ^ 0x2c1b3c6d);
  const usedSsn = new Set();
  const ssn = () => {
    for (;;) {
      const value = `${pad(900 - 1 - Math.floor(rand() * 150), 3)}-${pad(1 + Math.floor(rand() * 99))}-${pad(1 + Math.floor(rand() * 9999), 4)}`;
      if (!usedSsn.has(value)) return (usedSsn.add(value), value);
    }
  };
  const records = [];
  let n = 0;
  const add = (personId, agency, withSsn) =>
    records.push({
      index: start + records.length,
      agency,
      familyRef: `crowd:${n++}`,
      personId,
      role: 'parent',
      ageBand: '20-plus',
      firstName,
      lastName,
      dateOfBirth,
      ssn: withSsn,
      crowd: true,
    });
  const people = [];
  for (let k = 0; k < matches; k++) people.push({ id: `cm${k}`, ssn: ssn(), kind: 'match', k });
  for (let k = 0; k < duplicates; k++) people.push({ id: `cd${k}`, ssn: ssn(), kind: 'duplicate' });
  const single = size - 2 * matches - 2 * duplicates;
  for (let k = 0; k < single; k++) people.push({ id: `c${k}`, ssn: rand() < 0.9 ? ssn() : undefined, kind: 'single' });
  // Arrival order: shuffled, so the real matches and duplicates arrive anywhere in the crowd.
  const arrivals = people.flatMap((p) =>
    p.kind === 'match'
      ? [
          [p, 'cws', p.k === 0 ? undefined : p.ssn],
          [p, 'calworks', p.ssn],
        ]
      : p.kind === 'duplicate'
        ? [
            [p, 'cws', p.ssn],
            [p, 'cws', p.ssn],
          ]
        : [[p, rand() < 0.45 ? 'cws' : 'calworks', p.ssn]],
  );
  for (let i = arrivals.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arrivals[i], arrivals[j]] = [arrivals[j], arrivals[i]];
  }
  for (const [p, agency, withSsn] of arrivals) add(p.id, agency, withSsn);
  return { records, matches, duplicates };
}
