import { type AccessFacts, accessFrom, canChange, canDeleteOrReteam } from './access-policy';
import { membershipRecipients, taskChangeRecipients } from './audience';

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
  it('sends a task change to the audience after, and tells those who lost the task', () => {
    const before = new Map([
      ['owner', 'owner'],
      ['gone', 'view'],
    ] as const);
    const after = new Map([
      ['owner', 'owner'],
      ['new', 'edit'],
    ] as const);

    expect(taskChangeRecipients(new Map(before), new Map(after))).toEqual([
      { userId: 'owner', permission: 'owner' },
      { userId: 'new', permission: 'edit' },
      { userId: 'gone', permission: null },
    ]);
  });

  it('sends a membership change to the members before and the member, once each', () => {
    expect(membershipRecipients(['admin', 'member'], 'member')).toEqual([
      { userId: 'admin', permission: null },
      { userId: 'member', permission: null },
    ]);
  });
});
