import { randomBytes } from 'node:crypto';
import { waitFor } from '@linkages/platform-testing';
import { auBody, calworksCaseNumber, type MatrixCall, type MatrixTemplate } from './calworks-matrix.spec-helper';

// The CalWORKs FR aid window routes of the access matrix (security.e2e-spec.ts). A removal reaches CalWORKs the way
// it does in production: child welfare removes a child of a family whose CalWORKs case number it recorded, and the
// child-removed event starts the removal's FR process in the CalWORKs worker; an unknown case number goes to the
// county's review list. Everything is made through the APIs by supervisors of the fixture county, minutes ago.

interface Removal {
  removalId: string;
  caseId: string;
  auId: string;
  applicantId: string;
  childId: string;
}
interface Review {
  reviewId: string;
  auId: string;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const todayInCalifornia = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
const confirmationBody = (r: Removal) => ({
  removedMemberIds: [r.childId],
  parentMemberId: r.applicantId,
  parentWtwSanctioned: false,
  exclusions: { ssiRecipient: false, undocumentedNoncitizen: false, fleeingFelon: false, timeOnAidLimitReached: false },
});

export function calworksFrMatrix(call: MatrixCall) {
  let removal: Removal;
  let ab429: Removal;
  let review: Review;
  const post = async (service: 'calworks' | 'child-welfare', path: string, body: unknown) => {
    const r = await call(service, 'POST', path, { user: service === 'calworks' ? 'calworks-supervisor' : 'cws-supervisor', body });
    if (r.res.status >= 300) throw new Error(`fixture ${service} ${path}: ${r.res.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const read = async (path: string) => {
    const r = await call('calworks', 'GET', path, { user: 'calworks-supervisor' });
    return r.res.status === 200 ? (JSON.parse(r.text) as unknown) : undefined;
  };
  /** Child welfare removes the child of a family it recorded with this CalWORKs case number; the removal and its case. */
  const cwsRemoval = async (caseNumber: string): Promise<{ removalId: string; caseId: string }> => {
    const family = (await post('child-welfare', '/families', {
      calworksCaseNumber: caseNumber,
      members: [
        { role: 'parent', firstName: 'Matrix', lastName: 'Parent', dateOfBirth: '1990-04-02' },
        { role: 'child', firstName: 'Matrix', lastName: 'Child', dateOfBirth: '2020-06-01' },
      ],
    })) as unknown as { id: string; members: { personId: string; role: string }[] };
    const childId = family.members.find((m) => m.role === 'child')!.personId;
    const referral = String(
      (
        await post('child-welfare', '/referrals', {
          familyId: family.id,
          receivedAt: ago(60),
          allegations: [{ type: 'physical-abuse', childId }],
        })
      )['id'],
    );
    await post('child-welfare', `/referrals/${referral}/screening`, {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Matrix screening',
      povertyOnly: false,
      decidedAt: ago(50),
    });
    await post('child-welfare', `/referrals/${referral}/contacts`, { madeAt: ago(40), childId });
    const removed = await post('child-welfare', `/referrals/${referral}/removals`, {
      childId,
      removedAt: ago(30),
      placementType: 'relative',
    });
    return { removalId: String(removed['removalId']), caseId: String(removed['caseId']) };
  };
  /** A removal of a child of a fresh AU of the county, its FR process started by the event. */
  const frRemoval = async (): Promise<Removal> => {
    const body = auBody();
    const au = (await post('calworks', '/assistance-units', body)) as unknown as {
      id: string;
      members: { memberId: string; role: string }[];
    };
    const { removalId, caseId } = await cwsRemoval(body.caseNumber);
    await waitFor(() => read(`/fr-removals/${removalId}`), { timeoutMs: 60_000, intervalMs: 250, what: `FR removal ${removalId}` });
    return {
      removalId,
      caseId,
      auId: au.id,
      applicantId: au.members.find((m) => m.role === 'applicant')!.memberId,
      childId: au.members.find((m) => m.role === 'child')!.memberId,
    };
  };
  /** A removal whose parent gets AB 429 services: members confirmed, child welfare's plan saying they are needed. */
  const frAb429Removal = async (): Promise<Removal> => {
    const r = await frRemoval();
    await post('calworks', `/fr-removals/${r.removalId}/member-confirmation`, confirmationBody(r));
    await post('child-welfare', `/cases/${r.caseId}/case-plans`, { filedOn: todayInCalifornia(), recommendsAb429Services: true });
    await waitFor(async () => ((await read(`/fr-removals/${r.removalId}`)) as { ab429: unknown } | undefined)?.ab429 ?? undefined, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: `AB 429 services of removal ${r.removalId}`,
    });
    return r;
  };
  /** A removal naming a case number the county does not hold: on the review list; a fresh AU to match it to. */
  const frReview = async (): Promise<Review> => {
    const { removalId } = await cwsRemoval(`CW-UNKNOWN-${randomBytes(5).toString('hex')}`);
    const entry = await waitFor(
      async () =>
        ((await read('/fr-review-list')) as { reviewId: string; removalId: string }[] | undefined)?.find((e) => e.removalId === removalId),
      { timeoutMs: 60_000, intervalMs: 250, what: `the review-list entry of removal ${removalId}` },
    );
    const au = await post('calworks', '/assistance-units', auBody(calworksCaseNumber()));
    return { reviewId: entry.reviewId, auId: String(au['id']) };
  };

  const templates: Record<string, MatrixTemplate> = {
    'calworks GET /fr-removals/{removalId}': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/fr-removals/${removal.removalId}`,
    },
    // The caller's county's list: another county's worker reads their own (empty or not), not this one.
    'calworks GET /fr-review-list': { success: 200, confidential: true },
    'calworks POST /fr-review-list/{reviewId}/match': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/fr-review-list/${review.reviewId}/match`,
      body: () => ({ auId: review.auId }),
      prepare: async () => {
        const fresh = await frReview();
        return { path: `/fr-review-list/${fresh.reviewId}/match`, body: { auId: fresh.auId } };
      },
    },
    'calworks POST /fr-removals/{removalId}/member-confirmation': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/fr-removals/${removal.removalId}/member-confirmation`,
      body: () => confirmationBody(removal),
      prepare: async () => {
        const fresh = await frRemoval();
        return { path: `/fr-removals/${fresh.removalId}/member-confirmation`, body: confirmationBody(fresh) };
      },
    },
    'calworks POST /fr-removals/{removalId}/ab429-redeterminations': {
      success: 200,
      scoped: true,
      confidential: true,
      path: () => `/fr-removals/${ab429.removalId}/ab429-redeterminations`,
      body: () => ({ completedOn: todayInCalifornia() }),
      prepare: async () => {
        const fresh = await frAb429Removal();
        return { path: `/fr-removals/${fresh.removalId}/ab429-redeterminations`, body: { completedOn: todayInCalifornia() } };
      },
    },
  };
  return {
    templates,
    setUp: async () => {
      [removal, review, ab429] = await Promise.all([frRemoval(), frReview(), frAb429Removal()]);
    },
  };
}
