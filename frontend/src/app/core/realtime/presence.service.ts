import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { PRESENCE_TTL_MS, type PresenceState, type PresenceUser } from '@taskpulse/contract';
import { AuthService } from '../auth/auth.service';
import { RealtimeService } from './realtime.service';

/** A heartbeat well inside the server's 30 s expiry, so one lost heartbeat does not end the presence. */
export const PRESENCE_HEARTBEAT_MS = Math.round(PRESENCE_TTL_MS / 3);

export interface MyPresence {
  readonly state: PresenceState;
  readonly field: string | null;
}

/** A presence this tab keeps up; `set` changes it, `stop` ends it (`left`). */
export interface PresenceHandle {
  set(presence: MyPresence): void;
  stop(): void;
}

/**
 * Who else is on a task (`presence` messages), and this tab's own presence, kept up by heartbeats over the
 * browser's one connection: a socket message, or `POST /api/presence` (with the stream's connection id) while live
 * over server-sent events, which carry nothing upstream. A new connection forgets what the last one said (the
 * server tells it again) and repeats this tab's presence at once.
 */
@Injectable({ providedIn: 'root' })
export class PresenceService {
  private readonly realtime = inject(RealtimeService);
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly others = signal<ReadonlyMap<string, readonly PresenceUser[]>>(new Map());
  private readonly mine = new Map<string, MyPresence>();
  private connectionId: string | null = null;
  private overStream = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    const subscriptions = new Subscription();
    subscriptions.add(
      this.realtime.on('presence').subscribe(({ data }) => {
        const next = new Map(this.others());
        const users = data.users.filter((user) => user.user_id !== this.auth.userId());
        if (users.length > 0) next.set(data.task_id, users);
        else next.delete(data.task_id);
        this.others.set(next);
      }),
    );
    subscriptions.add(
      this.realtime.on('connection_ack').subscribe(({ data }) => {
        this.connectionId = data.connection_id;
        this.others.set(new Map());
        this.beatAll();
      }),
    );
    subscriptions.add(this.realtime.view$.subscribe((view) => (this.overStream = view.status === 'connected' && view.transport === 'sse')));
    subscriptions.add(this.auth.signedOut$.subscribe(() => this.reset()));
    inject(DestroyRef).onDestroy(() => {
      subscriptions.unsubscribe();
      this.reset();
    });
  }

  /** The others present on a task, editing first (reads a signal: call it inside a computed or template). */
  usersOn(taskId: string): readonly PresenceUser[] {
    const users = this.others().get(taskId) ?? [];
    return [...users].sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'editing' ? -1 : 1));
  }

  /** Starts this tab's presence on a task: sent now and every PRESENCE_HEARTBEAT_MS until `stop`. */
  track(taskId: string, presence: MyPresence): PresenceHandle {
    this.mine.set(taskId, presence);
    this.send(taskId, presence);
    this.startTimer();
    return {
      set: (next) => {
        const current = this.mine.get(taskId);
        if (!current || (current.state === next.state && current.field === next.field)) return;
        this.mine.set(taskId, next);
        this.send(taskId, next);
      },
      stop: () => {
        if (!this.mine.delete(taskId)) return;
        this.send(taskId, { state: 'left', field: null });
        if (this.mine.size === 0) this.stopTimer();
      },
    };
  }

  private beatAll(): void {
    for (const [taskId, presence] of this.mine) this.send(taskId, presence);
  }

  private send(taskId: string, presence: { state: PresenceState | 'left'; field: string | null }): void {
    const message = { task_id: taskId, state: presence.state, ...(presence.field ? { field: presence.field } : {}) };
    if (!this.overStream) {
      this.realtime.send({ type: 'presence', ...message });
      return;
    }
    const body = this.connectionId ? { ...message, connection_id: this.connectionId } : message;
    // Presence is best effort: the next heartbeat repeats it.
    this.http.post('/api/presence', body).subscribe({ error: () => undefined });
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.beatAll(), PRESENCE_HEARTBEAT_MS);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private reset(): void {
    this.mine.clear();
    this.stopTimer();
    this.others.set(new Map());
    this.connectionId = null;
  }
}
