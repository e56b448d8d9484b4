import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { Observable, Subject, Subscription, catchError, defer, filter, fromEvent, interval, map, merge, of } from 'rxjs';
import type { AnyServerMessage, TaskDto, TrashedTaskDto } from '@taskpulse/contract';
import { errorMessage } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { coalesceBursts } from '../../../core/util/coalesce-bursts';
import { TRASH_PAGE_SIZE, TrashApi } from './trash-api.service';

/** Under a burst of deletions the trash is read again at most once per this interval (after the first pair). */
export const TRASH_REFETCH_INTERVAL_MS = 1000;
/**
 * Purging sends no event: while the page stays open it reads the trash again this often (the server's default
 * `TRASH_PRUNE_INTERVAL`), and whenever the tab comes back into view.
 */
export const TRASH_REVISIT_MS = 60 * 60_000;

export type RestoreResult = { readonly restored: TaskDto } | { readonly failed: string };

/**
 * The tasks the person may restore, newest deletion first. The trash API has no `seq`, so live events are
 * applied by what they say: `task_restored` removes a row at once (also from a read still on its way), a deletion
 * the person may restore makes it read the trash again, coalesced under bursts.
 */
@Injectable()
export class TrashStore {
  private readonly api = inject(TrashApi);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly document = inject(DOCUMENT);
  private readonly refetch = new Subject<void>();
  /** Tasks restored while a read was on its way: that read may still list them. */
  private goneMeanwhile = new Set<string>();
  private subscriptions = new Subscription();
  private loadSubscription: Subscription | null = null;
  /** How many tasks the list is to show (more after "Load more"): every read covers as many. */
  private wanted = TRASH_PAGE_SIZE;

  readonly items = signal<readonly TrashedTaskDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  /** A read the person waits for: the first one, or "Load more". */
  readonly loading = signal(false);
  /** The trash has been read at least once (before that, "empty" would be a guess). */
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  /** Ids whose restore is on its way. */
  readonly restoring = signal<ReadonlySet<string>>(new Set());

  open(): void {
    const backInView = fromEvent(this.document, 'visibilitychange').pipe(filter(() => this.document.visibilityState === 'visible'));
    const changes = merge(this.refetch.pipe(coalesceBursts(TRASH_REFETCH_INTERVAL_MS)), this.realtime.resync$, this.realtime.pollTick$);
    this.subscriptions.add(this.realtime.events$.subscribe((message) => this.onMessage(message)));
    this.subscriptions.add(merge(changes, backInView, interval(TRASH_REVISIT_MS)).subscribe(() => this.load(false)));
    this.load(true);
  }

  close(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.loadSubscription?.unsubscribe();
    this.loadSubscription = null;
  }

  /**
   * Reads the trash from the top, as far down as the list is to show; `shown` for a read the person waits for.
   * A read replaces the one on its way, so the list is always one consistent answer.
   */
  load(shown = true): void {
    this.loadSubscription?.unsubscribe();
    this.goneMeanwhile = new Set();
    if (shown) this.loading.set(true);
    this.loadSubscription = this.api.snapshot(this.wanted).subscribe({
      next: (snapshot) => {
        const gone = this.goneMeanwhile;
        this.items.set(snapshot.items.filter((task) => !gone.has(task.id)));
        this.nextCursor.set(snapshot.nextCursor);
        this.settled(null);
      },
      error: (error: unknown) => this.settled(errorMessage(error, 'Could not load the trash.')),
    });
  }

  /** One page more, read together with those above it (in one request up to 200 tasks). */
  loadMore(): void {
    if (!this.nextCursor() || this.loading()) return;
    this.wanted = Math.max(this.wanted, this.items().length) + TRASH_PAGE_SIZE;
    this.load(true);
  }

  /**
   * Brings the task back. Success, or a 404 (purged meanwhile, or no longer mine to see), takes its row away;
   * any other refusal keeps the row and says why.
   */
  restore(task: TrashedTaskDto): Observable<RestoreResult> {
    return defer(() => {
      this.restoring.update((ids) => new Set(ids).add(task.id));
      return this.api.restore(task.id);
    }).pipe(
      map((restored): RestoreResult => {
        this.done(task.id, true);
        return { restored };
      }),
      catchError((error: unknown) => {
        const status = error instanceof HttpErrorResponse ? error.status : 0;
        this.done(task.id, status === 404);
        // 403: my rights changed (no longer a team admin); the list is read again to show what is still mine.
        if (status === 403) this.refetch.next();
        return of<RestoreResult>({ failed: failureText(task, error, status) });
      }),
    );
  }

  private done(id: string, remove: boolean): void {
    this.restoring.update((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
    if (remove) this.remove(id);
  }

  private settled(error: string | null): void {
    this.loading.set(false);
    this.error.set(error);
    if (!error) this.loaded.set(true);
  }

  private remove(id: string): void {
    this.goneMeanwhile.add(id);
    if (this.items().some((task) => task.id === id)) this.items.update((items) => items.filter((task) => task.id !== id));
  }

  private onMessage(message: AnyServerMessage): void {
    switch (message.event_type) {
      case 'task_restored':
        return this.remove(message.data.task_id);
      case 'task_deleted':
        this.goneMeanwhile.delete(message.data.task_id);
        // Only its owner deletes a personal task: someone else's deletion of one is never mine to restore.
        if (message.data.team_id !== null || message.data.user_id === this.auth.userId()) this.refetch.next();
        return;
      case 'team_member_added':
      case 'team_member_removed':
        // Joining, leaving or a new role changes whose deletions I may restore.
        if (message.data.user_id === this.auth.userId()) this.refetch.next();
        return;
      default:
        return;
    }
  }
}

function failureText(task: TrashedTaskDto, error: unknown, status: number): string {
  if (status === 404) return `“${task.title}” can no longer be restored: it was deleted for good, or you no longer have access to it.`;
  return `Could not restore “${task.title}”. ${errorMessage(error)}`;
}
