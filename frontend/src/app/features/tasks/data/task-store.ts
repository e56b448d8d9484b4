import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, Subject, Subscription, catchError, map, tap, throwError } from 'rxjs';
import {
  type AnyServerMessage,
  type ServerMessage,
  type TaskDto,
  type TaskEventType,
  type TaskStatus,
  isLoggedEvent,
  isTaskEvent,
} from '@taskpulse/contract';
import type { TaskPage } from '../../../core/api/api.types';
import type { TaskChanges, TaskDraft, TaskQuery } from './task.types';
import { errorMessage, staleTaskOf } from '../../../core/api/http-errors';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { Highlights } from './highlights';
import { TasksApi } from './tasks-api.service';
import { matchesQuery, newestFirst } from './task-query';

export type TaskMessage = ServerMessage<TaskEventType> & { seq: number };
type LoggedMessage = AnyServerMessage & { seq: number };

export interface AppliedTaskEvent {
  message: TaskMessage;
  /** The task as it was before the event, when it was loaded. */
  previous: TaskDto | undefined;
  /** The echo of a change made from this tab. */
  own: boolean;
}

/** A PATCH with a stale `version`: `current` is the task as it is now. */
export class StaleTaskError extends Error {
  constructor(readonly current: TaskDto) {
    super('Changed by someone else');
  }
}

const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
/** Events kept to re-apply on top of a REST snapshot that was read before they happened. */
const RECENT_EVENTS = 500;
export const HIGHLIGHT_MS = 1500;

/**
 * The tasks of the current list query, keyed by id. REST pages fill it; live events update it in place
 * (a `task` snapshot upserts, `null` removes), so the list is never refetched for a single change.
 */
@Injectable({ providedIn: 'root' })
export class TaskStore {
  private readonly api = inject(TasksApi);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly mutations = inject(MutationIds);

  private readonly byId = signal<ReadonlyMap<string, TaskDto>>(new Map());
  private readonly currentQuery = signal<TaskQuery | null>(null);
  private readonly cursor = signal<string | null>(null);
  private readonly highlights = new Highlights(HIGHLIGHT_MS);
  private readonly appliedSubject = new Subject<AppliedTaskEvent>();
  private recent: LoggedMessage[] = [];
  private snapshotSeq: number | null = null;
  private loadSubscription: Subscription | null = null;

  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly highlighted = this.highlights.current;
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly query = this.currentQuery.asReadonly();
  readonly tasks = computed(() => {
    const query = this.currentQuery();
    const me = this.auth.user()?.id ?? null;
    return query ? [...this.byId().values()].filter((task) => matchesQuery(task, query, me)).sort(newestFirst) : [];
  });
  /** Each live task event after it was applied (the activity feed reads this). */
  readonly applied$ = this.appliedSubject.asObservable();

  constructor() {
    this.realtime.events$.subscribe((message) => this.onMessage(message));
    this.realtime.resync$.subscribe(() => this.resync());
  }

  get(id: string): TaskDto | undefined {
    return this.byId().get(id);
  }

  /** Shows the list for `query` (the tasks page calls this; `close()` when it goes away). */
  open(query: TaskQuery): void {
    this.currentQuery.set(query);
    this.fetch('replace');
  }

  close(): void {
    this.loadSubscription?.unsubscribe();
    this.currentQuery.set(null);
    this.byId.set(new Map());
    this.cursor.set(null);
    this.snapshotSeq = null;
    this.loading.set(false);
    this.error.set(null);
  }

  reset(): void {
    this.close();
    this.recent = [];
    this.highlights.clear();
  }

  loadMore(): void {
    if (this.cursor()) {
      this.fetch('append');
    }
  }

  /** Re-reads what is loaded (polling, membership changes); `after` gets the snapshot's seq (resync). */
  refresh(after?: (seq: number) => void): void {
    if (after || !this.loading()) {
      this.fetch('refresh', after);
    }
  }

  create(id: string, draft: TaskDraft): Observable<TaskDto> {
    return this.api.create(id, draft).pipe(tap((task) => this.upsert(task, true)));
  }

  update(task: TaskDto, changes: TaskChanges): Observable<TaskDto> {
    return this.api.update(task.id, changes, task.version).pipe(
      tap((updated) => this.upsert(updated)),
      catchError((error: unknown) => {
        const current = staleTaskOf(error);
        if (current) {
          this.upsert(current);
          return throwError(() => new StaleTaskError(current));
        }
        return throwError(() => error);
      }),
    );
  }

  setStatus(task: TaskDto, status: TaskStatus): Observable<TaskDto> {
    return this.update(task, { status });
  }

  remove(task: TaskDto): Observable<void> {
    return this.api.remove(task.id).pipe(tap(() => this.drop(task.id)));
  }

  /** Leaves a task shared with me: removes my own share. */
  leave(task: TaskDto): Observable<void> {
    const me = this.auth.userId() ?? '';
    return this.api.unshare(task.id, me).pipe(map(() => this.drop(task.id)));
  }

  private fetch(mode: 'replace' | 'append' | 'refresh', after?: (seq: number) => void): void {
    const query = this.currentQuery();
    if (!query) {
      return;
    }
    const limit = mode === 'refresh' ? Math.min(Math.max(this.byId().size, PAGE_SIZE), MAX_PAGE_SIZE) : PAGE_SIZE;
    this.loadSubscription?.unsubscribe();
    this.loading.set(true);
    this.loadSubscription = this.api.list(query, mode === 'append' ? this.cursor() : null, limit).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.error.set(null);
        this.merge(page, mode === 'append');
        after?.(page.seq);
        this.ensureCovered();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(errorMessage(error, 'Could not load tasks.'));
      },
    });
  }

  private merge(page: TaskPage, append: boolean): void {
    const next = new Map(append ? this.byId() : []);
    for (const task of page.items) {
      const known = next.get(task.id);
      if (!known || known.version <= task.version) {
        next.set(task.id, task);
      }
    }
    this.byId.set(next);
    this.cursor.set(page.next_cursor);
    if (!append) {
      this.snapshotSeq = page.seq;
    }
    // The snapshot was read at page.seq: replay what happened after it.
    for (const message of this.recent) {
      if (message.seq > page.seq) {
        this.apply(message, false);
      }
    }
  }

  /** A snapshot older than what the socket covers may miss events: read it again. */
  private ensureCovered(): void {
    const covered = this.realtime.coveredSince();
    if (this.currentQuery() && this.snapshotSeq !== null && covered !== null && this.snapshotSeq < covered) {
      this.snapshotSeq = covered;
      this.fetch('refresh');
    }
  }

  private resync(): void {
    this.recent = [];
    if (this.currentQuery()) {
      this.refresh((seq) => this.realtime.resumeFrom(seq));
    } else {
      this.realtime.resumeFrom(null);
    }
  }

  private onMessage(message: AnyServerMessage): void {
    if (message.event_type === 'connection_ack') {
      this.ensureCovered();
      return;
    }
    if (!isLoggedEvent(message)) {
      return;
    }
    this.recent.push(message);
    if (this.recent.length > RECENT_EVENTS) {
      this.recent.shift();
    }
    if (isTaskEvent(message)) {
      const previous = this.byId().get(message.data.task_id);
      const own = this.mutations.isOwn(message.data.mutation_id);
      this.apply(message, !own);
      this.appliedSubject.next({ message, previous, own });
    } else if (message.event_type === 'team_member_added' && message.data.user_id === this.auth.userId()) {
      this.refresh();
    } else if (message.event_type === 'team_member_removed' && message.data.user_id === this.auth.userId()) {
      // Drop the team's tasks at once, then refetch: a task of that team may also be shared with me directly.
      this.apply(message, false);
      this.refresh();
    } else {
      this.apply(message, false);
    }
  }

  private apply(message: LoggedMessage, highlight: boolean): void {
    if (isTaskEvent(message)) {
      const { task, task_id } = message.data;
      if (!task) {
        this.drop(task_id);
      } else if (this.upsert(task) && highlight) {
        this.highlights.add(task.id);
      }
    } else if (message.event_type === 'team_member_removed' && message.data.user_id === this.auth.userId()) {
      this.dropTeam(message.data.team_id);
    }
  }

  /** Inserts or updates; never goes back to an older version. Returns whether the list changed. */
  private upsert(task: TaskDto, force = false): boolean {
    const known = this.byId().get(task.id);
    if (known ? known.version > task.version : !force && !this.fitsLoadedWindow(task)) {
      return false;
    }
    this.byId.update((tasks) => new Map(tasks).set(task.id, task));
    return true;
  }

  /** A task new to us belongs in the list if it matches and is not beyond the pages loaded so far. */
  private fitsLoadedWindow(task: TaskDto): boolean {
    const query = this.currentQuery();
    if (!query || !matchesQuery(task, query, this.auth.userId(), true)) {
      return false;
    }
    if (this.cursor() === null) {
      return true;
    }
    const loaded = [...this.byId().values()];
    return loaded.length === 0 || loaded.some((other) => newestFirst(task, other) <= 0);
  }

  private drop(id: string): void {
    if (this.byId().has(id)) {
      this.byId.update((tasks) => {
        const next = new Map(tasks);
        next.delete(id);
        return next;
      });
    }
  }

  /** Removed from a team: its tasks go, except my own (I still see them as owner). */
  private dropTeam(teamId: string): void {
    const me = this.auth.userId();
    for (const task of this.byId().values()) {
      if (task.teamId === teamId && task.ownerId !== me) {
        this.drop(task.id);
      }
    }
  }
}
