// Name normalization for match keys: the same name typed by two agencies must give the same letters.

/** Letters NFKD does not decompose into a base letter plus marks. */
const foldings: Record<string, string> = {
  Đ: 'D',
  đ: 'd',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'TH',
  þ: 'th',
  ß: 'SS',
};

/** Particles of compound surnames that alone say nothing about the family (DE LA CRUZ, GARCIA Y LOPEZ, VAN DYKE). */
const surnameParticles = new Set([
  'DE',
  'DEL',
  'LA',
  'LAS',
  'LOS',
  'Y',
  'E',
  'DA',
  'DOS',
  'DAS',
  'DI',
  'VAN',
  'VON',
  'DER',
  'DEN',
  'LE',
  'ST',
]);

export interface NormalizedName {
  /** All parts run together: `MARY-ANN` and `MARY ANN` and `MARYANN` all give `MARYANN`. */
  whole: string;
  /** The parts, split on hyphens and spaces (`GARCIA-LOPEZ` → `GARCIA`, `LOPEZ`). */
  parts: string[];
}

/**
 * NFKD, diacritics stripped (`Ñ` → `N`, `Nguyễn` → `NGUYEN`), upper case, letters only (apostrophes and periods
 * dropped: `O'Brien` → `OBRIEN`), parts split on hyphens, spaces and other separators. Empty when no letter is left.
 */
export function normalizeName(value: string): NormalizedName {
  const folded = (typeof value === 'string' ? value : '')
    .replace(/[ĐđØøŁłÆæŒœÞþß]/g, (c) => foldings[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’`.]/g, '');
  const parts = folded
    .split(/[^A-Z]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { whole: parts.join(''), parts };
}

/** The parts of a last name that identify a family: particles (DE, LA, Y, VAN) dropped unless nothing else is left. */
export function surnameParts(name: NormalizedName): string[] {
  const meaningful = name.parts.filter((p) => !surnameParticles.has(p));
  return meaningful.length > 0 ? meaningful : name.parts;
}
