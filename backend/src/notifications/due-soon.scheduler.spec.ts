import type { TaskDto } from '@taskpulse/contract';
import { AccessRepository } from '../access/access.repository';
import { AccessService } from '../access/access.service';
import { aUser, createTestApp, TestApp } from '../../test/test-app';
import { DueSoonScheduler } from './due-soon.scheduler';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

describe('DueSoonScheduler', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  /** An instance of its own (its own services) over the shared database, as another server process would be. */
  const anInstance = () => {
    const repository = new NotificationsRepository();
    return new DueSoonScheduler(
      app.db,
      repository,
      new NotificationsService(app.db, repository, app.log),
      new AccessService(app.db, new AccessRepository()),
      app.log,
      app.config,
    );
  };
  const dueSoonOf = async (userId: string) =>
    (await app.notifications.list(userId, { limit: 200 })).items.filter((n) => n.kind === 'due_soon');

  it('notifies owner and assignees once per task and due date, however many instances sweep at once', async () => {
    const owner = await aUser(app, 'Owner');
    const helper = await aUser(app, 'Helper');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const tasks: TaskDto[] = [];
    for (let i = 0; i < 5; i++) tasks.push((await app.tasks.create(owner.id, { title: `due ${i}`, dueDate: inAnHour }, null)).task);
    await app.shares.share(owner.id, tasks[0].id, { email: helper.email, permission: 'edit' }, null);
    await app.tasks.update(owner.id, tasks[0].id, { assigneeIds: [helper.id] }, null);
    await app.tasks.create(owner.id, { title: 'later', dueDate: new Date(Date.now() + 3 * 86_400_000).toISOString() }, null);
    const done = (await app.tasks.create(owner.id, { title: 'done', dueDate: inAnHour }, null)).task;
    await app.tasks.update(owner.id, done.id, { status: 'completed' }, null);

    const instances = [anInstance(), anInstance(), anInstance(), anInstance()];
    const claimed = await Promise.all(instances.map((instance) => instance.tick()));
    await Promise.all(instances.map((instance) => instance.tick()));

    expect(claimed.reduce((a, b) => a + b, 0)).toBe(5);
    expect((await dueSoonOf(owner.id)).map((n) => n.taskId).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect((await dueSoonOf(helper.id)).map((n) => n.taskId)).toEqual([tasks[0].id]);

    await app.tasks.update(owner.id, tasks[1].id, { dueDate: new Date(Date.now() + 7_200_000).toISOString() }, null);
    expect(await Promise.all(instances.map((instance) => instance.tick()))).toEqual(expect.arrayContaining([1]));
    expect((await dueSoonOf(owner.id)).filter((n) => n.taskId === tasks[1].id)).toHaveLength(2);
  });
});
