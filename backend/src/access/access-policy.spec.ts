import { type AccessFacts, accessFrom, canChange, canDeleteOrReteam } from './access-policy';
import { taskAudience, taskChangeRecipients } from './audience';

const facts = (overrides: Partial<AccessFacts>): AccessFacts => ({ isOwner: false, share: null, teamRole: null, ...overrides });

describe('access policy', () => {
  it.each([
    [facts({ isOwner: true, share: 'view', teamRole: 'member' }), 'owner'],
    [facts({ teamRole: 'member', share: 'edit' }), 'team'],
    [facts({ teamRole: 'admin' }), 'team'],
    [facts({ share: 'edit' }), 'edit'],
    [facts({ share: 'view' }), 'view'],
  ] as const)('derives the strongest permission from %o: %s', (given, permission) => {
    expect(accessFrom(given)?.permission).toBe(permission);
  });

  it('gives no access without a fact', () => {
    expect(accessFrom(facts({}))).toBeNull();
  });

  it('lets everyone but viewers change, and only owners and team admins delete or move', () => {
    const sut = (given: Partial<AccessFacts>) => accessFrom(facts(given))!;

    expect(
      [sut({ isOwner: true }), sut({ teamRole: 'member' }), sut({ share: 'edit' }), sut({ share: 'view' })].map((a) =>
        canChange(a.permission),
      ),
    ).toEqual([true, true, true, false]);
    expect([sut({ isOwner: true }), sut({ teamRole: 'admin' }), sut({ teamRole: 'member', share: 'edit' })].map(canDeleteOrReteam)).toEqual(
      [true, true, false],
    );
  });
});

describe('audience of a change', () => {
  const user = (id: string, permission: 'owner' | 'edit' | 'view' | null) => ({ kind: 'user' as const, id, permission });

  it('addresses the owner and share recipients as users, and the team as one principal', () => {
    const sut = taskAudience({ ownerId: 'owner', teamId: 'team-1' }, [{ userId: 'friend', permission: 'view' }]);

    expect([...sut.values()]).toEqual([user('friend', 'view'), user('owner', 'owner'), { kind: 'team', id: 'team-1', permission: 'team' }]);
  });

  it('sends a task change to the audience after, and tells those who lost the task', () => {
    const before = taskAudience({ ownerId: 'owner', teamId: 'old-team' }, [{ userId: 'gone', permission: 'view' }]);
    const after = taskAudience({ ownerId: 'owner', teamId: 'new-team' }, [{ userId: 'new', permission: 'edit' }]);

    expect(taskChangeRecipients(before, after)).toEqual([
      user('new', 'edit'),
      user('owner', 'owner'),
      { kind: 'team', id: 'new-team', permission: 'team' },
      user('gone', null),
      { kind: 'team', id: 'old-team', permission: null },
    ]);
  });
});
