import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { hasPermission, renderPermissionTable, roleAgency, rolePermissions, roles } from './roles';

describe('roles', () => {
  it('docs/security.md shows the permission table the code enforces', () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'security.md'), 'utf8');
    const section = /<!-- permissions:start[^>]*-->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(doc)?.[1];
    expect(section).toBe(renderPermissionTable());
  });

  it('gives platform roles no access to family records', () => {
    for (const role of roles.filter((r) => roleAgency[r] === 'platform')) {
      expect(
        rolePermissions[role].filter((p) => p.startsWith('referral.') || p.startsWith('person.') || p.startsWith('authority.')),
      ).toEqual([]);
    }
  });

  it('lets only child welfare create referrals and only CWS supervisors record MDT membership', () => {
    expect(roles.filter((r) => hasPermission([r], 'referral.create'))).toEqual(['cws.worker', 'cws.supervisor']);
    expect(roles.filter((r) => hasPermission([r], 'authority.mdt.record'))).toEqual(['cws.supervisor']);
  });
});
