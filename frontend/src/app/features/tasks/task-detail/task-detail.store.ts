import { Injectable, computed, inject, signal } from '@angular/core';
import { Subscription, debounceTime, filter, merge } from 'rxjs';
import { type HistoryEntry, type TaskDto, commentEventTypes, isTaskEvent } from '@taskpulse/contract';
import type { TaskShare } from '../../../core/api/api.types';
import { errorMessage } from '../../../core/api/http-errors';
import { isUnreachable } from '../../../core/api/http-status';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { PeopleDirectory } from '../../people';
import { TeamsStore } from '../../teams';
import { KnownTasks } from '../data/known-tasks';
import { withPending } from '../data/pending-changes';
import { TaskSync } from '../data/task-sync';
import type { TaskChanges } from '../data/task.types';
import { TaskDetailApi } from './task-detail-api.service';

export interface Person {
  id: string;
  name: string;
}

/** How long history waits after a change before it is read again (a burst of changes reads it once). */
const HISTORY_SETTLE_MS = 300;

/**
 * One task, live: the server's state with my queued changes on top, who can see it (the people it can be assigned
 * to and mention), and its history. Changes go through TaskSync like the list's, so they merge and can be undone.
 */
@Injectable()
export class TaskDetailStore {
  private readonly api = inject(TaskDetailApi);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly sync = inject(TaskSync);
  private readonly known = inject(KnownTasks);
  private readonly teams = inject(TeamsStore);
  private readonly people = inject(PeopleDirectory);
  private readonly server = signal<TaskDto | null>(null);
  private subscriptions = new Subscription();
  private id = '';

  readonly state = signal<'loading' | 'ready' | 'gone'>('loading');
  readonly error = signal<string | null>(null);
  readonly shares = signal<TaskShare[]>([]);
  readonly history = signal<HistoryEntry[] | null>(null);
  readonly historyError = signal<string | null>(null);
  readonly task = computed(() => {
    const task = this.server();
    return task ? (withPending(task, this.sync.pending().get(task.id) ?? []) ?? null) : null;
  });
  readonly canEdit = computed(() => !!this.task() && this.task()?.permission !== 'view');
  /** Everyone who can see the task: its owner, the people it is shared with, its team's members. */
  readonly audience = computed<Person[]>(() => {
    const task = this.task();
    if (!task) return [];
    const people = new Map<string, string>([[task.ownerId, this.people.nameOf(task.ownerId)]]);
    this.shares().forEach((share) => people.set(share.userId, share.name));
    this.teams
      .byId()
      .get(task.teamId ?? '')
      ?.members.forEach((member) => people.set(member.userId, member.name));
    const me = this.auth.userId();
    return [...people]
      .map(([id, name]) => ({ id, name: id === me ? `${this.auth.user()?.name ?? 'You'} (you)` : name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  open(id: string): void {
    this.close();
    this.id = id;
    this.state.set('loading');
    this.server.set(this.known.get(id) ?? null);
    this.teams.load();
    this.subscriptions.add(
      this.api.task(id).subscribe({
        next: (task) => this.accept(task),
        error: (error: unknown) => this.failed(error),
      }),
    );
    this.loadShares();
    this.loadHistory();
    const mine = this.realtime.events$.pipe(filter((message) => isTaskEvent(message) && message.data.task_id === id));
    this.subscriptions.add(
      mine.subscribe((message) => {
        if (!isTaskEvent(message)) return;
        if (message.data.actor) this.people.remember([message.data.actor]);
        if (message.data.task) this.accept(message.data.task);
        else this.state.set('gone');
        if (message.event_type === 'task_shared' || message.event_type === 'task_unshared') this.loadShares();
      }),
    );
    this.subscriptions.add(
      this.realtime.events$.subscribe((message) => {
        // A comment changes the task's count without a task event: the comment event carries it.
        if (
          (commentEventTypes as readonly string[]).includes(message.event_type) &&
          'comment_count' in message.data &&
          message.data.task_id === id
        ) {
          const count = message.data.comment_count;
          this.server.update((task) => (task ? { ...task, commentCount: count } : task));
        }
      }),
    );
    this.subscriptions.add(
      merge(mine, this.realtime.resync$)
        .pipe(debounceTime(HISTORY_SETTLE_MS))
        .subscribe(() => this.loadHistory()),
    );
    this.subscriptions.add(
      this.sync.answers$.subscribe((answer) =>
        'task' in answer ? answer.task.id === id && this.accept(answer.task) : answer.gone === id && this.state.set('gone'),
      ),
    );
  }

  close(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
  }

  update(changes: TaskChanges): void {
    const task = this.task();
    if (task && this.canEdit()) {
      this.error.set(null);
      this.sync
        .update(task, changes)
        .subscribe({ error: (error: unknown) => this.error.set(errorMessage(error, 'Could not save the change.')) });
    }
  }

  private accept(task: TaskDto): void {
    const known = this.server();
    if (!known || known.id !== task.id || known.version <= task.version) {
      this.server.set(task);
      this.known.upsert(task);
    }
    this.state.set('ready');
  }

  private failed(error: unknown): void {
    if (this.server() && isUnreachable(error)) {
      // Offline: the copy this device knows, until the connection is back.
      this.state.set('ready');
      return;
    }
    this.state.set('gone');
    this.error.set(errorMessage(error, 'Could not load this task.'));
  }

  private loadShares(): void {
    this.subscriptions.add(
      this.api.shares(this.id).subscribe({
        next: (shares) => {
          this.shares.set(shares);
          this.people.rememberShares(shares);
        },
        error: () => this.shares.set([]),
      }),
    );
  }

  private loadHistory(): void {
    this.subscriptions.add(
      this.api.history(this.id).subscribe({
        next: (history) => {
          this.history.set(history);
          this.historyError.set(null);
          this.people.remember(history.flatMap((entry) => (entry.actor ? [entry.actor] : [])));
        },
        error: (error: unknown) => this.historyError.set(errorMessage(error, 'Could not load the history.')),
      }),
    );
  }
}
