import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { aUser, createTestApp, TestApp, UserBuilder } from '../../test/test-app';

describe('SharesService and TeamsService', () => {
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

  it('shares, updates the permission on a second share, and lets the recipient leave', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Shared' }, null);
    const share = await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'view' }, 'm-s');
    expect(share).toMatchObject({ userId: friend.id, email: friend.email, name: 'Friend', permission: 'view' });
    expect(app.emitted.at(-1)).toMatchObject({ type: 'task_shared', mutationId: 'm-s' });
    expect(app.emitted.at(-1)!.recipients).toEqual(expect.arrayContaining([{ userId: friend.id, permission: 'view' }]));
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    await expect(app.shares.list(friend.id, task.id)).resolves.toMatchObject([{ userId: friend.id, permission: 'edit' }]);
    await app.shares.unshare(friend.id, task.id, friend.id, null);
    expect(app.emitted.at(-1)!.recipients).toEqual(expect.arrayContaining([{ userId: friend.id, permission: null }]));
    await expect(app.tasks.get(friend.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('lets only the owner share, never with itself, and only with known people', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Rules' }, null);
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    await expect(app.shares.share(friend.id, task.id, { email: stranger.email, permission: 'view' }, null)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(app.shares.share(owner.id, task.id, { email: owner.email, permission: 'view' }, null)).rejects.toBeInstanceOf(BadRequestException);
    await expect(app.shares.share(owner.id, task.id, { email: 'nobody@example.com', permission: 'view' }, null)).rejects.toBeInstanceOf(NotFoundException);
    await expect(app.shares.list(stranger.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(app.shares.unshare(friend.id, task.id, stranger.id, null)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('runs teams: admin adds, members see team tasks, the last admin stays', async () => {
    const team = await app.teams.create(owner.id, 'Crew', null);
    expect(team).toMatchObject({ name: 'Crew', role: 'admin', members: [{ userId: owner.id, role: 'admin' }] });
    const withFriend = await app.teams.addMember(owner.id, team.id, { email: friend.email, role: 'member' }, null);
    expect(withFriend.members.map((m) => [m.userId, m.role])).toEqual([[owner.id, 'admin'], [friend.id, 'member']]);
    expect(app.emitted.at(-1)).toMatchObject({ type: 'team_member_added', member: { userId: friend.id, role: 'member' } });
    await expect(app.teams.addMember(friend.id, team.id, { email: stranger.email, role: 'member' }, null)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(app.teams.addMember(stranger.id, team.id, { email: stranger.email, role: 'member' }, null)).rejects.toBeInstanceOf(NotFoundException);
    await expect(app.teams.removeMember(owner.id, team.id, owner.id, null)).rejects.toBeInstanceOf(ConflictException);
    await expect(app.teams.list(friend.id)).resolves.toMatchObject([{ id: team.id, role: 'member' }]);

    await app.teams.removeMember(friend.id, team.id, friend.id, null);
    const removal = app.emitted.at(-1)!;
    expect(removal).toMatchObject({ type: 'team_member_removed', member: { userId: friend.id } });
    expect(removal.recipients.map((r) => r.userId).sort()).toEqual([owner.id, friend.id].sort());
    await expect(app.teams.list(friend.id)).resolves.toEqual([]);
  });
});
