import { z } from 'zod';

// Privacy-preserving match keys (issue 13, Deliver 1): what an agency publishes about a person so that the matching
// service (referrals) can find the same person in the other agency without any plaintext identifier leaving either.
// Every token is HMAC-SHA256 under the shared MATCH_KEY secret (hex); a name is also a keyed Bloom filter of its padded
// bigrams (a cryptographic long-term key, Schnell, Bachteler & Reiher 2009: 512 bits, 15 HMAC double-hashed positions),
// so typos still compare by Dice similarity. Built by `MatchKeys` in @linkages/platform-crypto; its field class is
// `match-key` (libs/platform/access), passed only on the identity topic and never logged or returned by an API.

/** One keyed token: HMAC-SHA256 (hex) of a normalized value under MATCH_KEY. Meaningless without the key. */
export const matchToken = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be an HMAC-SHA256 token (64 hex digits)')
  .describe('Keyed HMAC-SHA256 token (hex) under MATCH_KEY');

/** A 512-bit keyed Bloom filter of a name's padded bigrams (CLK), base64. */
export const matchBloom = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a 512-bit Bloom filter in base64')
  .describe('Keyed Bloom filter (CLK, 512 bits, base64) of the name’s padded bigrams, compared by Dice similarity');

export const matchKeySet = z
  .object({
    keyId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe('Fingerprint of the MATCH_KEY generation that produced the tokens (tokens compare only within one key)'),
    ssn: matchToken.optional().describe('HMAC of the normalized 9-digit SSN, when the agency holds a valid one'),
    dob: z
      .object({
        full: matchToken.describe('HMAC of YYYY-MM-DD'),
        swap: matchToken.describe('HMAC of the year and the sorted month/day pair: equal when day and month are swapped'),
        ym: matchToken.describe('HMAC of year + month'),
        md: matchToken.describe('HMAC of month + day'),
        yd: matchToken.describe('HMAC of year + day'),
      })
      .optional()
      .describe('Date-of-birth tokens (absent when the date of birth is unknown); two of three parts agreeing survive one typo'),
    first: z.object({
      exact: matchToken.describe('HMAC of the normalized first name'),
      canonical: matchToken.describe('HMAC of the nickname-canonical first name (Bill → WILLIAM, Lupe → GUADALUPE)'),
      phonetic: matchToken.describe('HMAC of the NYSIIS code of the canonical first name'),
      bloom: matchBloom,
    }),
    last: z.object({
      exact: matchToken.describe('HMAC of the whole normalized last name'),
      parts: z.array(matchToken).min(1).describe('HMAC of each part of a hyphenated or compound last name'),
      phonetic: z.array(matchToken).min(1).describe('HMAC of the NYSIIS code of each part'),
      bloom: matchBloom,
    }),
    blocking: z
      .array(matchToken)
      .min(1)
      .describe(
        'Composite blocking tokens (birth year + first-name phonetic, last-name phonetic + birth year, SSN, …): candidates share one',
      ),
  })
  .describe('Match keys of one person: keyed tokens only, never a plaintext identifier (issue 13, Deliver 1)');

export type MatchKeySet = z.output<typeof matchKeySet>;

/** How old a person is, coarsely: enough to keep a child from matching an adult, never the date of birth. */
export const ageBand = z
  .enum(['child', 'under-20', '20-plus'])
  .describe('child (under 18), under-20 (18–19), 20-plus; not the date of birth');

/** An example as MatchKeys builds it (random tokens: what a real key produces looks like this, and reveals nothing). */
export const matchKeySetExample: z.input<typeof matchKeySet> = {
  keyId: '003cd85981a62744',
  ssn: 'fd1e2c85a671253ab147be3b0f9a5fe61b6944bac6e106498944ae5eb834684c',
  dob: {
    full: 'ee0a69b374133ecc0f7c5e5030890a7048e0f775adee98c8baf2286bce5b7bc2',
    swap: 'fc24d71a42ba5c44d36fab56a8f4e1517ee21e3a368fe775d201606a54790f9e',
    ym: '26b5f92f8d74734ea594fb3c1473f627e3b481029001fb5f4209efc9edab6eda',
    md: '01b46369afcbedefc3a9ddeecd9f80a051de9810febbea3dfef84f625e2208c3',
    yd: '70833e841bde69aa42f1dd74d2605a8650742b04a80544160354da722063bd27',
  },
  first: {
    exact: 'df1b292d7b0d96762c5143b225e841ff5835109a0472426803e0cef81a295f95',
    canonical: '3a3ada987ef52b076817d05bace17598ed6a2b5137f7fab537edad0e10539091',
    phonetic: '9ebae6d1019c405f9e6612800cb51d78bf6db8164434ce321bbcaba8325ad8ca',
    bloom: 'Q4LRP55FsvgKRTy7708zvAnfrG+I57O6fw5g+XiY8sXnAU4Yeho5ZCVJuzZFBTP6MIEHlg1HpD1CpQQRC6zdDQ==',
  },
  last: {
    exact: '11319e8aa9b048c5af73f45360bf39f0d90d5a51657fa195c0a592eb94f1daef',
    parts: [
      'c59cda1f8f2b79c5a06aa1457d0dac27576bd009c5ea9c68a71ef48abe0f1d2b',
      '91a9c3077724eb627aa41f0f5f7c8be5a5df92992a3902b7b2a1dbb881acf9ec',
    ],
    phonetic: [
      'f5419932567a3906d8957a8c2d3e215d18194ca74f1b9f9f6de12ab84a75d0ff',
      '6627d5eced4dcea256139cc8f5729c05ccf89976de2065a37f5f684f0d8dcdb1',
    ],
    bloom: '7qmjd8g5q7IyCV6ChLnsn5H8gV9gdx5Hk8YInZ2j1ETKz0a2465QIJYBR/pKzwmPadSz34mXOhOIvPQOiP0gjg==',
  },
  blocking: [
    '7ce106cf4ce90073bdb9254b08d62c2a428c966f2d332b8fd76001d238efb530',
    '52e8297d9298c10fc8622cedd67d8dae419280b431b8f89947b0c6029dbe89d3',
    '47622664850b284198d38ce4dcb6017d0a028ee30f65020997e0813bbd2fc302',
  ],
};
