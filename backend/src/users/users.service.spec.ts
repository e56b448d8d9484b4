import { createTestApp, TestApp } from '../../test/test-app';

describe('UsersService', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  const credentials = (email: string) => ({ email, password: 'correct horse battery', name: 'Ada' });

  it('finds users by exact email only', async () => {
    const session = await app.auth.register(credentials('lookup@example.com'));
    await expect(app.users.findByEmail('lookup@example.com')).resolves.toEqual([session.user]);
    await expect(app.users.findByEmail('lookup@example')).resolves.toEqual([]);
  });
});
