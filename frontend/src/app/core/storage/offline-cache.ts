import { DestroyRef, Injectable, inject } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { LOCAL_STORE } from './local-store';

/**
 * The signed-in user's last known data on this device (tasks, teams, dashboard), by name, so the app opens with
 * it offline. Signing out forgets it (the outbox keeps its changes: they are sent after the next sign-in).
 */
@Injectable({ providedIn: 'root' })
export class OfflineCache {
  private readonly store = inject(LOCAL_STORE);
  private readonly auth = inject(AuthService);
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    const subscription = this.auth.signedOut$.subscribe(() => this.forgetAll());
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  async read<T>(name: string): Promise<T | undefined> {
    const user = this.auth.userId();
    return user ? this.store.get<T>(key(user, name)).catch(() => undefined) : undefined;
  }

  /** Writes soon, once: a burst of changes is one write. */
  write(name: string, value: () => unknown, delayMs = 250): void {
    const user = this.auth.userId();
    if (!user) {
      return;
    }
    const id = key(user, name);
    clearTimeout(this.pending.get(id));
    this.pending.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        if (this.auth.userId() === user) {
          void this.store.put(id, value()).catch(() => undefined);
        }
      }, delayMs),
    );
  }

  private forgetAll(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
    void this.store.deleteAll('cache:').catch(() => undefined);
  }
}

function key(user: string, name: string): string {
  return `cache:${user}:${name}`;
}
