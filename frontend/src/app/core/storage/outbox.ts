import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Observable, ReplaySubject, firstValueFrom, fromEvent } from 'rxjs';
import { errorMessage } from '../api/http-errors';
import { MUTATION_ID_HEADER } from '../api/mutation-id.interceptor';
import { MutationIds } from '../api/mutation-ids';
import { randomId } from '../api/random-id';
import { AuthService } from '../auth/auth.service';
import { backoffDelay } from '../realtime/backoff';
import { RANDOM_SOURCE } from '../realtime/realtime.tokens';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS, type TabChannel } from '../tabs/tab-apis';
import { OneShotTimer } from '../util/one-shot-timer';
import { LOCAL_STORE } from './local-store';
import type { OutboxEntry, OutboxHandler, OutboxOutcome, OutboxProblem, OutboxRequest } from './outbox-entry';

type Settlement = OutboxOutcome | { readonly status: 'refused'; readonly message: string };
type ChannelMessage = { type: 'changed' } | { type: 'settled'; id: string; outcome: Settlement };

/** Refusals that will not change by sending again; 401 is left to the session, 408/429 are worth a retry. */
export function isFinalRefusal(error: unknown): error is HttpErrorResponse {
  return error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

/**
 * The durable queue of the user's changes. Each change is stored (IndexedDB) before it is sent, sent in the
 * order it was made, one at a time, with the same mutation id on every attempt (so the server and the echo
 * recognise a retry). No answer keeps it queued and retries with backoff, at once when the browser is back
 * online; a final 4xx drops it and tells the person why. Tabs share the queue: one drains it at a time.
 */
@Injectable({ providedIn: 'root' })
export class Outbox {
  private readonly http = inject(HttpClient);
  private readonly store = inject(LOCAL_STORE);
  private readonly mutations = inject(MutationIds);
  private readonly locks = inject(TAB_LOCKS);
  private readonly random = inject(RANDOM_SOURCE);
  private readonly channels = inject(TAB_CHANNEL_FACTORY);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly handlers = new Map<string, OutboxHandler<never>>();
  private readonly waiters = new Map<string, ReplaySubject<OutboxOutcome>>();
  /** Changes whose refusal the form that made them shows (while it waits for the answer in this tab). */
  private readonly toldByCaller = new Set<string>();
  /** Keys enqueued here and not yet stored: a reload of the list from storage must not drop them meanwhile. */
  private readonly unsaved = new Set<string>();
  private readonly retry = new OneShotTimer();
  private readonly state = signal<readonly OutboxEntry[]>([]);
  private channel: TabChannel | null = null;
  private userId: string | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private counter = 0;

  /** This user's queued changes, oldest first. */
  readonly entries = this.state.asReadonly();
  readonly size = computed(() => this.state().length);
  /** Changes the server refused, until the person dismisses them. */
  readonly problems = signal<readonly OutboxProblem[]>([]);

  constructor() {
    const auth = inject(AuthService);
    const subscription = auth.user$.subscribe((user) => this.switchUser(user?.id ?? null));
    const online = this.window ? fromEvent(this.window, 'online').subscribe(() => this.drain()) : null;
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      online?.unsubscribe();
      this.switchUser(null);
    });
  }

  register<M>(kind: string, handler: OutboxHandler<M>): void {
    this.handlers.set(kind, handler as OutboxHandler<never>);
  }

  /**
   * Stores the change, then sends it when its turn comes. The answer says `sent` (with the server's body) or
   * `queued` (offline or no answer: it is kept and retried); it fails only when the server refused it for good.
   */
  enqueue<M>(
    kind: string,
    request: OutboxRequest,
    meta: M,
    options: { id?: string; callerTellsRefusal?: boolean } = {},
  ): Observable<OutboxOutcome> {
    const id = options.id ?? randomId();
    const user = this.userId;
    if (!user) {
      throw new Error('Nobody is signed in');
    }
    const key = `${prefix(user)}${String(Date.now()).padStart(15, '0')}:${String(this.counter++).padStart(6, '0')}`;
    const entry: OutboxEntry<M> = { key, id, kind, request, meta, attempts: 0, problem: null };
    this.mutations.remember(id);
    const waiter = new ReplaySubject<OutboxOutcome>(1);
    this.waiters.set(id, waiter);
    if (options.callerTellsRefusal) {
      this.toldByCaller.add(id);
    }
    this.state.update((entries) => [...entries, entry]);
    this.unsaved.add(key);
    void this.store.put(key, entry).then(() => {
      this.unsaved.delete(key);
      this.announce({ type: 'changed' });
      if (this.offline()) {
        this.settle(id, { status: 'queued' });
      }
      this.drain();
    });
    return waiter.asObservable();
  }

  /** Starts a drain now (e.g. the realtime connection is back), unless one runs. */
  drain(): void {
    if (!this.userId) {
      return;
    }
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.retry.clear();
    const user = this.userId;
    const run = () => this.drainQueue(user);
    this.draining = (this.locks ? this.locks.request(`taskpulse-outbox:${user}`, run) : run())
      .catch(() => undefined)
      .finally(() => {
        this.draining = null;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.drain();
        }
      });
  }

  dismiss(id: string): void {
    this.problems.update((problems) => problems.filter((problem) => problem.id !== id));
  }

  private async drainQueue(user: string): Promise<void> {
    for (;;) {
      if (this.userId !== user || this.offline()) {
        return;
      }
      // The stored queue is the truth: another tab may have sent or added changes meanwhile.
      const stored = await this.load(user);
      const head = stored[0];
      if (!head) {
        return;
      }
      const handler = this.handlers.get(head.kind) as OutboxHandler | undefined;
      if (!handler) {
        // Its feature has not registered yet (it is still loading): try again shortly.
        this.retry.start(1000, () => this.drain());
        return;
      }
      const request = handler.prepare ? handler.prepare(head) : head.request;
      if (!request) {
        await this.remove(head, { status: 'sent', body: null });
        continue;
      }
      try {
        const body = await firstValueFrom(this.send(head.id, request), { defaultValue: null });
        handler.accepted?.(head, body);
        await this.remove(head, { status: 'sent', body });
      } catch (error: unknown) {
        if (!isFinalRefusal(error)) {
          await this.keep({ ...head, attempts: head.attempts + 1, problem: errorMessage(error) });
          // Everything behind it waits too: tell whoever waits that their change is safe and queued.
          stored.forEach((entry) => this.settle(entry.id, { status: 'queued' }));
          // New changes wait behind it: the next attempt is the backoff's (or the `online` event's).
          this.drainAgain = false;
          this.retry.start(backoffDelay(Math.min(head.attempts, 5), this.random), () => this.drain());
          return;
        }
        const instead = handler.refused?.(head, error) ?? null;
        if (instead === 'resolved') {
          await this.remove(head, { status: 'sent', body: null });
          continue;
        }
        if (instead) {
          await this.keep({ ...head, request: instead });
          continue;
        }
        const message = errorMessage(error);
        const text = handler.describe ? handler.describe(head, message) : message;
        if (!(this.toldByCaller.has(head.id) && this.waiters.has(head.id))) {
          this.problems.update((problems) => [...problems, { id: head.id, kind: head.kind, meta: head.meta, message: text }]);
        }
        await this.remove(head, { status: 'refused', message: text }, error);
      }
    }
  }

  private send(id: string, request: OutboxRequest): Observable<unknown> {
    return this.http.request(request.method, request.url, {
      body: request.body,
      headers: { [MUTATION_ID_HEADER]: id },
    });
  }

  private async keep(entry: OutboxEntry): Promise<void> {
    await this.store.put(entry.key, entry);
    this.state.update((entries) => entries.map((known) => (known.key === entry.key ? entry : known)));
    this.announce({ type: 'changed' });
  }

  private async remove(entry: OutboxEntry, outcome: Settlement, error?: unknown): Promise<void> {
    const without = () => this.state.update((entries) => entries.filter((known) => known.key !== entry.key));
    without();
    await this.store.delete(entry.key);
    // A reload from storage may have raced the delete.
    without();
    this.announce({ type: 'changed' });
    this.announce({ type: 'settled', id: entry.id, outcome });
    this.settle(entry.id, outcome, error);
  }

  private settle(id: string, outcome: Settlement, error?: unknown): void {
    const waiter = this.waiters.get(id);
    if (!waiter) {
      return;
    }
    this.waiters.delete(id);
    this.toldByCaller.delete(id);
    if (outcome.status === 'refused') {
      waiter.error(error ?? new Error(outcome.message));
    } else {
      waiter.next(outcome);
      waiter.complete();
    }
  }

  private async load(user: string): Promise<OutboxEntry[]> {
    const entries = (await this.store.entries<OutboxEntry>(prefix(user))).map(([, entry]) => entry);
    if (this.userId === user) {
      const unsaved = this.state().filter((entry) => this.unsaved.has(entry.key) && !entries.some((stored) => stored.key === entry.key));
      this.state.set([...entries, ...unsaved]);
    }
    return entries;
  }

  private switchUser(userId: string | null): void {
    if (userId === this.userId) {
      return;
    }
    this.userId = userId;
    this.retry.clear();
    this.channel?.close();
    this.channel = null;
    this.state.set([]);
    this.problems.set([]);
    if (!userId) {
      return;
    }
    const channel = this.channels(`taskpulse-outbox:${userId}`);
    if (channel) {
      channel.onmessage = (event) => this.onChannel(event.data as ChannelMessage, userId);
    }
    this.channel = channel;
    void this.load(userId).then((entries) => {
      entries.forEach((entry) => this.mutations.remember(entry.id));
      this.drain();
    });
  }

  private onChannel(message: ChannelMessage, user: string): void {
    if (this.userId !== user) {
      return;
    }
    if (message.type === 'changed') {
      void this.load(user);
    } else {
      this.settle(message.id, message.outcome);
    }
  }

  private announce(message: ChannelMessage): void {
    this.channel?.postMessage(message);
  }

  private offline(): boolean {
    return this.window?.navigator.onLine === false;
  }
}

function prefix(user: string): string {
  return `outbox:${user}:`;
}
