import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { aUser, createTestApp, TestApp, UserBuilder } from '../../test/test-app';

describe('SharesService', () => {
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
    expect(app.emitted.filter((e) => e.type !== 'notification_created').at(-1)).toMatchObject({ type: 'task_shared', mutationId: 'm-s' });
    expect(app.emitted.filter((e) => e.type !== 'notification_created').at(-1)!.recipients).toEqual(
      expect.arrayContaining([{ kind: 'user', id: friend.id, permission: 'view' }]),
    );
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    await expect(app.shares.list(friend.id, task.id)).resolves.toMatchObject([{ userId: friend.id, permission: 'edit' }]);
    await app.shares.unshare(friend.id, task.id, friend.id, null);
    expect(app.emitted.filter((e) => e.type !== 'notification_created').at(-1)!.recipients).toEqual(
      expect.arrayContaining([{ kind: 'user', id: friend.id, permission: null }]),
    );
    await expect(app.tasks.get(friend.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('lets only the owner share, never with itself, and only with known people', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Rules' }, null);
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    await expect(app.shares.share(friend.id, task.id, { email: stranger.email, permission: 'view' }, null)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(app.shares.share(owner.id, task.id, { email: owner.email, permission: 'view' }, null)).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(app.shares.share(owner.id, task.id, { email: 'nobody@example.com', permission: 'view' }, null)).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(app.shares.list(stranger.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(app.shares.unshare(friend.id, task.id, stranger.id, null)).rejects.toBeInstanceOf(ForbiddenException);
  });
});
