import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, Subject, Subscription } from 'rxjs';
import { type AnyServerMessage, type TaskDto, isLoggedEvent, isTaskEvent } from '@taskpulse/contract';
import type { TaskDraft, TaskQuery } from './task.types';
import { errorMessage } from '../../../core/api/http-errors';
import { isUnreachable } from '../../../core/api/http-status';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import type { AppliedTaskEvent } from './task-events';
import { Highlights } from './highlights';
import { KnownTasks } from './known-tasks';
import { LoadedTasks } from './loaded-tasks';
import { shownTasks, withPending } from './pending-changes';
import { TaskSync } from './task-sync';
import { TasksApi } from './tasks-api.service';
import { matchesQuery, orderOf } from './task-query';

export type { AppliedTaskEvent, TaskMessage } from './task-events';
type LoggedMessage = AnyServerMessage & { seq: number };

export const PAGE_SIZE = 50;
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
  private readonly known = inject(KnownTasks);
  private readonly sync = inject(TaskSync);

  private readonly loaded = new LoadedTasks();
  private readonly currentQuery = signal<TaskQuery | null>(null);
  private readonly highlights = new Highlights(HIGHLIGHT_MS);
  private readonly appliedSubject = new Subject<AppliedTaskEvent>();
  private recent: LoggedMessage[] = [];
  private snapshotSeq: number | null = null;
  private loadSubscription: Subscription | null = null;
  private refreshing = false;
  /** "Load more" pressed while a refetch runs: it appends once the refetch has set the cursor. */
  private appendAfterRefresh = false;

  /** A page is being loaded for the person (first page, "Load more"); background refetches do not count. */
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly highlighted = this.highlights.current;
  readonly hasMore = computed(() => this.loaded.nextCursor() !== null);
  readonly query = this.currentQuery.asReadonly();
  /** The list as the person sees it: the server's tasks with their own queued changes on top. */
  readonly tasks = computed(() => {
    const query = this.currentQuery();
    return query ? shownTasks(this.loaded, this.sync.pending(), query, this.auth.user()?.id ?? null) : [];
  });
  /** Each live task event after it was applied (the activity feed reads this). */
  readonly applied$ = this.appliedSubject.asObservable();

  constructor() {
    this.realtime.events$.subscribe((message) => this.onMessage(message));
    this.realtime.resync$.subscribe(() => this.resync());
    this.sync.answers$.subscribe((answer) => ('task' in answer ? this.upsert(answer.task) : this.loaded.drop(answer.gone)));
  }

  /** A task of the list as the person sees it (their queued changes on top). */
  get(id: string): TaskDto | undefined {
    const task = this.loaded.get(id);
    return task ? (withPending(task, this.sync.pending().get(id) ?? []) ?? undefined) : undefined;
  }

  /** The task as last seen here, even if it has left the list since (deleted, unshared, filtered away). */
  lastKnown(id: string): TaskDto | undefined {
    return this.loaded.lastKnown(id);
  }

  /** Shows the list for `query` (the tasks page calls this; `close()` when it goes away). */
  open(query: TaskQuery): void {
    this.currentQuery.set(query);
    this.fetch('replace');
  }

  close(): void {
    this.loadSubscription?.unsubscribe();
    this.currentQuery.set(null);
    this.loaded.clear();
    this.snapshotSeq = null;
    this.refreshing = false;
    this.appendAfterRefresh = false;
    this.loading.set(false);
    this.error.set(null);
  }

  reset(): void {
    this.close();
    this.known.reset();
    this.sync.reset();
    this.recent = [];
    this.loaded.forget();
    this.highlights.clear();
  }

  loadMore(): void {
    if (!this.loaded.nextCursor() || this.loading()) {
      return;
    }
    if (this.refreshing) {
      this.appendAfterRefresh = true;
      this.loading.set(true);
      return;
    }
    this.fetch('append');
  }

  /**
   * Re-reads everything loaded so far (polling, membership changes, a resync), down to the oldest task loaded,
   * in as many pages as it takes: the list never shrinks and the reader keeps their place; `after` gets the
   * snapshot's seq (resync).
   */
  refresh(after?: (seq: number) => void): void {
    if (after || (!this.loading() && !this.refreshing)) {
      this.refetchLoaded(after);
    }
  }

  /** Shows the task at once and queues it (see TaskSync, which the tasks' own forms use directly). */
  create(id: string, draft: TaskDraft): Observable<TaskDto> {
    return this.sync.create(id, draft);
  }

  private fetch(mode: 'replace' | 'append'): void {
    const query = this.currentQuery();
    if (!query) {
      return;
    }
    this.loadSubscription?.unsubscribe();
    this.refreshing = false;
    this.loading.set(true);
    this.loadSubscription = this.api.list(query, mode === 'append' ? this.loaded.nextCursor() : null, PAGE_SIZE).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.error.set(null);
        this.merge(page.items, page.next_cursor, page.seq, mode === 'replace');
        this.ensureCovered();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        if (mode === 'replace' && isUnreachable(error)) {
          void this.showKnown(query, error);
        } else {
          this.error.set(errorMessage(error, 'Could not load tasks.'));
        }
      },
    });
  }

  /** No server: the list as this device last knew it, read again as soon as the connection is back. */
  private async showKnown(query: TaskQuery, error: unknown): Promise<void> {
    const tasks = await this.known.list(query, this.auth.userId());
    if (this.currentQuery() !== query) {
      return;
    }
    this.loaded.put(tasks, null, true);
    this.snapshotSeq = -1;
    this.error.set(tasks.length ? null : errorMessage(error, 'Could not load tasks.'));
  }

  private refetchLoaded(after?: (seq: number) => void): void {
    const query = this.currentQuery();
    if (!query) {
      return;
    }
    this.loadSubscription?.unsubscribe();
    this.refreshing = true;
    this.loadSubscription = this.api.listThrough(query, this.loaded.oldest(orderOf(query.sort)), this.loaded.size, PAGE_SIZE).subscribe({
      next: (page) => {
        this.refreshing = false;
        this.error.set(null);
        this.merge(page.items, page.next_cursor, page.seq, true);
        after?.(page.seq);
        this.ensureCovered();
        this.appendPending();
      },
      error: (error: unknown) => {
        this.refreshing = false;
        this.error.set(errorMessage(error, 'Could not load tasks.'));
        this.appendPending();
      },
    });
  }

  private appendPending(): void {
    if (this.appendAfterRefresh) {
      this.appendAfterRefresh = false;
      this.loading.set(false);
      this.loadMore();
    }
  }

  /** Puts tasks read at `seq` into the list (a snapshot replaces what was loaded), then replays later events. */
  private merge(items: readonly TaskDto[], nextCursor: string | null, seq: number, replaces: boolean): void {
    this.loaded.put(items, nextCursor, replaces);
    items.forEach((task) => this.known.upsert(task));
    if (replaces) {
      this.snapshotSeq = seq;
    }
    for (const message of this.recent) {
      if (message.seq > seq) {
        this.apply(message, false);
      }
    }
  }

  /** A snapshot older than what the socket covers may miss events: read it again. */
  private ensureCovered(): void {
    const covered = this.realtime.coveredSince();
    if (this.currentQuery() && this.snapshotSeq !== null && covered !== null && this.snapshotSeq < covered) {
      this.snapshotSeq = covered;
      this.refetchLoaded();
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
      // The server is reachable again: send what was queued meanwhile.
      this.sync.flush();
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
      const previous = this.lastKnown(message.data.task_id);
      const own = this.mutations.isOwn(message.data.mutation_id);
      this.apply(message, !own);
      this.appliedSubject.next({ message, previous, own });
    } else if (message.event_type === 'comment_added' || message.event_type === 'comment_deleted') {
      // A row's comment count: the comment event carries it (there is no task event).
      const known = this.loaded.get(message.data.task_id);
      if (known) this.loaded.upsert({ ...known, commentCount: message.data.comment_count }, () => false);
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
      if (task) {
        this.known.upsert(task);
      } else {
        this.known.drop(task_id);
      }
      if (!task) {
        this.loaded.drop(task_id);
      } else if (this.upsert(task) && highlight) {
        this.highlights.add(task.id);
      }
    } else if (message.event_type === 'team_member_removed' && message.data.user_id === this.auth.userId()) {
      // Removed from a team: its tasks go, except my own (I still see them as owner).
      const { team_id } = message.data;
      const me = this.auth.userId();
      this.loaded.dropWhere((task) => task.teamId === team_id && task.ownerId !== me);
    }
  }

  /** Inserts or updates; a task new to us only if it matches the query and is not beyond the loaded pages. */
  private upsert(task: TaskDto): boolean {
    return this.loaded.upsert(task, (candidate) => {
      const query = this.currentQuery();
      return !!query && matchesQuery(candidate, query, this.auth.userId(), true) && this.loaded.withinLoadedPages(candidate, orderOf(query.sort));
    });
  }
}
