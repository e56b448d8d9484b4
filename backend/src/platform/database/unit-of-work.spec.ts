import { aUser, createTestApp, TestApp } from '../../../test/test-app';

describe('UnitOfWork', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  it('runs after-commit hooks once the transaction has committed, in order', async () => {
    const ran: string[] = [];

    const result = await app.uow.write(async (m) => {
      app.uow.afterCommit(m, () => ran.push('first'));
      app.uow.afterCommit(m, () => ran.push('second'));
      ran.push('work');
      return 'done';
    });

    expect(result).toBe('done');
    expect(ran).toEqual(['work', 'first', 'second']);
  });

  it('drops the hooks, the log entry and its event when the transaction rolls back', async () => {
    const user = await aUser(app, 'Rollback');
    const head = await app.log.head();
    const emitted = app.emitted.length;
    const ran: string[] = [];

    const failed = app.uow.write(async (m) => {
      app.uow.afterCommit(m, () => ran.push('hook'));
      await app.log.append(m, {
        type: 'task_deleted',
        actorId: user.id,
        taskId: user.id,
        teamId: null,
        task: null,
        mutationId: null,
        recipients: [],
      });
      throw new Error('rolled back');
    });

    await expect(failed).rejects.toThrow('rolled back');
    expect(ran).toEqual([]);
    expect(app.emitted.length).toBe(emitted);
    expect(await app.log.head()).toBe(head);
  });

  it('keeps a committed write a success when a hook throws', async () => {
    await expect(
      app.uow.write(async (m) => {
        app.uow.afterCommit(m, () => {
          throw new Error('listener failed');
        });
        return 'committed';
      }),
    ).resolves.toBe('committed');
  });

  it('refuses a hook outside a write', async () => {
    await expect(app.uow.read(async (m) => app.uow.afterCommit(m, () => undefined))).rejects.toThrow(/UnitOfWork.write/);
  });
});
