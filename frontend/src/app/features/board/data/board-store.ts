import { Injectable, computed, inject, signal } from '@angular/core';
import { Subject, Subscription, merge } from 'rxjs';
import { type AnyServerMessage, type TaskDto, type TaskServerMessage, isTaskEvent } from '@taskpulse/contract';
import { errorMessage } from '../../../core/api/http-errors';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { Highlights } from '../../tasks';
import { BoardApi } from './board-api.service';
import { type BoardMove, type Columns, columnsOf, isNoMove, provisionalPosition } from './board-columns';

export const MOVED_HIGHLIGHT_MS = 1500;

/**
 * The board's cards: every task I can see, by id. A REST snapshot fills it, live task events update it in place
 * (newer versions only; `task: null` removes), and my moves show at once, then take the server's key.
 */
@Injectable()
export class BoardStore {
  private readonly api = inject(BoardApi);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly mutations = inject(MutationIds);
  private readonly byId = signal<ReadonlyMap<string, TaskDto>>(new Map());
  private readonly moving = signal<ReadonlyMap<string, TaskDto>>(new Map());
  private readonly remoteSubject = new Subject<string>();
  private readonly highlights = new Highlights(MOVED_HIGHLIGHT_MS);
  /** Events that arrive while a snapshot is on its way: replayed on top of it (those after its `seq`). */
  private held: TaskServerMessage[] | null = null;
  private subscriptions = new Subscription();
  private loadSubscription: Subscription | null = null;

  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly truncated = signal(false);
  /** Cards someone else changed a moment ago. */
  readonly highlighted = this.highlights.current;
  /** Fires with a task id just before someone else's change to it is applied (the page records where cards were). */
  readonly beforeRemoteChange$ = this.remoteSubject.asObservable();
  readonly columns = computed<Columns>(() => {
    const moving = this.moving();
    return columnsOf([...this.byId().values()].map((task) => moving.get(task.id) ?? task));
  });

  open(): void {
    this.subscriptions.add(this.realtime.events$.subscribe((message) => this.onMessage(message)));
    this.subscriptions.add(merge(this.realtime.resync$, this.realtime.pollTick$).subscribe(() => this.load()));
    this.load();
  }

  close(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.loadSubscription?.unsubscribe();
    this.highlights.clear();
  }

  get(id: string): TaskDto | undefined {
    return this.moving().get(id) ?? this.byId().get(id);
  }

  load(): void {
    this.loadSubscription?.unsubscribe();
    this.held ??= [];
    this.loading.set(true);
    this.loadSubscription = this.api.snapshot().subscribe({
      next: (snapshot) => {
        const held = this.held ?? [];
        this.held = null;
        this.loading.set(false);
        this.error.set(null);
        this.truncated.set(snapshot.truncated);
        this.byId.set(new Map(snapshot.items.map((task) => [task.id, task])));
        held.filter((message) => message.seq > snapshot.seq).forEach((message) => this.apply(message, false));
      },
      error: (error: unknown) => {
        this.held = null;
        this.loading.set(false);
        this.error.set(errorMessage(error, 'Could not load the board.'));
      },
    });
  }

  /** Shows the move at once; the server's answer puts the card at its real key, a refusal puts it back. */
  move(task: TaskDto, move: BoardMove): void {
    const columns = this.columns();
    if (isNoMove(columns, task, move)) return;
    const provisional = { ...task, status: move.status, position: provisionalPosition(columns, move) };
    this.moving.update((moving) => new Map(moving).set(task.id, provisional));
    this.error.set(null);
    this.api.move(task.id, move).subscribe({
      next: (answer) => {
        this.upsert(answer);
        this.settle(task.id, provisional);
      },
      error: (error: unknown) => {
        this.settle(task.id, provisional);
        this.error.set(errorMessage(error, `Could not move “${task.title}”.`));
      },
    });
  }

  /** Drops the provisional card, unless a later move of the same card replaced it meanwhile. */
  private settle(id: string, provisional: TaskDto): void {
    if (this.moving().get(id) !== provisional) return;
    this.moving.update((moving) => {
      const next = new Map(moving);
      next.delete(id);
      return next;
    });
  }

  private onMessage(message: AnyServerMessage): void {
    if (isTaskEvent(message)) {
      if (this.held) this.held.push(message);
      this.apply(message, !this.mutations.isOwn(message.data.mutation_id));
    } else if (message.event_type === 'comment_added' || message.event_type === 'comment_deleted') {
      // The card's comment count: the comment event carries it (there is no task event).
      const known = this.byId().get(message.data.task_id);
      if (known) this.byId.update((tasks) => new Map(tasks).set(known.id, { ...known, commentCount: message.data.comment_count }));
    } else if (
      (message.event_type === 'team_member_added' || message.event_type === 'team_member_removed') &&
      message.data.user_id === this.auth.userId()
    ) {
      // Joining or leaving a team changes which tasks I see: read the board again.
      this.load();
    }
  }

  private apply(message: TaskServerMessage, remote: boolean): void {
    const { task, task_id } = message.data;
    const known = this.byId().get(task_id);
    if (task ? known && known.version > task.version : !known) return;
    if (remote) {
      this.remoteSubject.next(task_id);
      if (task) this.highlights.add(task_id);
    }
    if (task) {
      this.upsert(task);
    } else {
      this.byId.update((tasks) => {
        const next = new Map(tasks);
        next.delete(task_id);
        return next;
      });
    }
  }

  private upsert(task: TaskDto): void {
    const known = this.byId().get(task.id);
    if (!known || known.version <= task.version) {
      this.byId.update((tasks) => new Map(tasks).set(task.id, task));
    }
  }
}
