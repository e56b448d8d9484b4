import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { aUser, createTestApp, TestApp, UserBuilder } from '../../test/test-app';

describe('TeamsService', () => {
  let app: TestApp;
  let owner: UserBuilder;
  let friend: UserBuilder;
  let stranger: UserBuilder;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await aUser(app, 'Owner');
    friend = await aUser(app, 'Friend');
    stranger = await aUser(app, 'Stranger');
  });
  afterAll(() => app.close());

  it('runs teams: admin adds, members see team tasks, the last admin stays', async () => {
    const team = await app.teams.create(owner.id, 'Crew', null);
    expect(team).toMatchObject({ name: 'Crew', role: 'admin', members: [{ userId: owner.id, role: 'admin' }] });
    const withFriend = await app.teams.addMember(owner.id, team.id, { email: friend.email, role: 'member' }, null);
    expect(withFriend.members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, 'admin'],
      [friend.id, 'member'],
    ]);
    expect(app.emitted.filter((e) => e.type !== 'notification_created').at(-1)).toMatchObject({
      type: 'team_member_added',
      member: { userId: friend.id, role: 'member' },
    });
    await expect(app.teams.addMember(friend.id, team.id, { email: stranger.email, role: 'member' }, null)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(app.teams.addMember(stranger.id, team.id, { email: stranger.email, role: 'member' }, null)).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(app.teams.removeMember(owner.id, team.id, owner.id, null)).rejects.toBeInstanceOf(ConflictException);
    await expect(app.teams.list(friend.id)).resolves.toMatchObject([{ id: team.id, role: 'member' }]);

    await app.teams.removeMember(friend.id, team.id, friend.id, null);
    const removal = app.emitted.filter((e) => e.type !== 'notification_created').at(-1)!;
    expect(removal).toMatchObject({ type: 'team_member_removed', member: { userId: friend.id } });
    expect(removal.recipients).toEqual([{ kind: 'team', id: team.id, permission: null }]);
    await expect(app.teams.list(friend.id)).resolves.toEqual([]);
  });
});
