import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';
import type { User } from '../api/api.types';
import { AuthService } from '../auth/auth.service';
import { RealtimeService } from '../realtime/realtime.service';
import { type SessionHooks, provideSessionFeature } from './session-hooks';
import { SessionLifecycle } from './session-lifecycle';

const ME: User = { id: 'user-me', email: 'me@example.com', name: 'Me' };

/** Lets the dynamic imports and the queued hooks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(stored = false) {
  const calls: string[] = [];
  const user$ = new BehaviorSubject<User | null>(null);
  const feature = (created: string, hooks: SessionHooks) => () =>
    Promise.resolve(() => {
      calls.push(created);
      return hooks;
    });
  TestBed.configureTestingModule({
    providers: [
      {
        provide: AuthService,
        useValue: { user$, restoreSession: () => Promise.resolve(), userId: () => user$.value?.id ?? null, hasStoredSession: () => stored },
      },
      {
        provide: RealtimeService,
        useValue: { connect: () => calls.push('connect'), disconnect: () => calls.push('disconnect') },
      },
      provideSessionFeature(feature('tasks created', { signedOut: () => calls.push('tasks signed out') })),
      provideSessionFeature(
        feature('teams created', { signedIn: () => calls.push('teams signed in'), signedOut: () => calls.push('teams signed out') }),
      ),
    ],
  });
  const sut = TestBed.inject(SessionLifecycle);
  return { sut, calls, user$ };
}

describe('SessionLifecycle', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('loads nothing while nobody is signed in (the sign-in page needs none of it)', async () => {
    const { sut, calls } = setup();

    await sut.start();
    await settle();

    expect(calls).toEqual([]);
  });

  it('with a stored session to restore, loads the features at once, alongside the token refresh', async () => {
    const { sut, calls } = setup(true);

    await sut.start();
    await settle();

    expect(calls).toEqual(['tasks created', 'teams created']);
  });

  it('on the first sign-in creates every feature, in order, before the socket connects, then runs the sign-in hooks', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();

    user$.next(ME);
    await settle();

    expect(calls).toEqual(['tasks created', 'teams created', 'connect', 'teams signed in']);
  });

  it('disconnects the socket, then runs the sign-out hooks in order, when the session ends', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    user$.next(ME);
    await settle();
    calls.length = 0;

    user$.next(null);
    await settle();

    expect(calls).toEqual(['disconnect', 'tasks signed out', 'teams signed out']);
  });

  it('creates the features once, however many sessions follow', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    user$.next(ME);
    await settle();
    user$.next(null);
    await settle();
    calls.length = 0;

    user$.next({ ...ME, id: 'user-other' });
    await settle();

    expect(calls).toEqual(['connect', 'teams signed in']);
  });

  it('never connects for a session that ended while its features were loading', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();

    user$.next(ME);
    user$.next(null);
    await settle();

    expect(calls).toEqual(['tasks created', 'teams created']);
  });

  it('ignores a new user object for the same user', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    user$.next(ME);
    await settle();
    calls.length = 0;

    user$.next({ ...ME, name: 'Renamed' });
    await settle();

    expect(calls).toEqual([]);
  });
});
