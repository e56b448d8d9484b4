import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';
import type { User } from '../api/api.types';
import { AuthService } from '../auth/auth.service';
import { RealtimeService } from '../realtime/realtime.service';
import { provideSessionHooks } from './session-hooks';
import { SessionLifecycle } from './session-lifecycle';

const ME: User = { id: 'user-me', email: 'me@example.com', name: 'Me' };

function setup() {
  const calls: string[] = [];
  const user$ = new BehaviorSubject<User | null>(null);
  TestBed.configureTestingModule({
    providers: [
      { provide: AuthService, useValue: { user$, restoreSession: () => Promise.resolve() } },
      {
        provide: RealtimeService,
        useValue: { connect: () => calls.push('connect'), disconnect: () => calls.push('disconnect') },
      },
      provideSessionHooks(() => {
        calls.push('tasks created');
        return { signedOut: () => calls.push('tasks signed out') };
      }),
      provideSessionHooks(() => {
        calls.push('teams created');
        return { signedIn: () => calls.push('teams signed in'), signedOut: () => calls.push('teams signed out') };
      }),
    ],
  });
  const sut = TestBed.inject(SessionLifecycle);
  return { sut, calls, user$ };
}

describe('SessionLifecycle', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('creates every feature that registered hooks at start-up, before anyone signs in', () => {
    const { calls } = setup();

    expect(calls).toEqual(['tasks created', 'teams created']);
  });

  it('connects the socket, then runs the sign-in hooks, when someone signs in', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    calls.length = 0;

    user$.next(ME);

    expect(calls).toEqual(['connect', 'teams signed in']);
  });

  it('disconnects the socket, then runs the sign-out hooks in order, when the session ends', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    user$.next(ME);
    calls.length = 0;

    user$.next(null);

    expect(calls).toEqual(['disconnect', 'tasks signed out', 'teams signed out']);
  });

  it('ignores a new user object for the same user', async () => {
    const { sut, calls, user$ } = setup();
    await sut.start();
    user$.next(ME);
    calls.length = 0;

    user$.next({ ...ME, name: 'Renamed' });

    expect(calls).toEqual([]);
  });
});
