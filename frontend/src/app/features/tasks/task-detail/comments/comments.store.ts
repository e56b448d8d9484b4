import { Injectable, inject, signal } from '@angular/core';
import { Observable, Subscription, filter, map, tap } from 'rxjs';
import { type AnyServerMessage, type CommentDto, commentEventTypes } from '@taskpulse/contract';
import { errorMessage } from '../../../../core/api/http-errors';
import { RealtimeService } from '../../../../core/realtime/realtime.service';
import { PeopleDirectory } from '../../../people';
import { TaskDetailApi } from '../task-detail-api.service';

const PAGE = 100;
type CommentMessage = Extract<AnyServerMessage, { event_type: (typeof commentEventTypes)[number] }>;

/** A task's comments, oldest first: a REST page, then comment events for this task keep it live (no refetch). */
@Injectable()
export class CommentsStore {
  private readonly api = inject(TaskDetailApi);
  private readonly realtime = inject(RealtimeService);
  private readonly people = inject(PeopleDirectory);
  private subscriptions = new Subscription();
  /** Events that arrive while a page is on its way: applied on top of it (those after its `seq`). */
  private held: (CommentMessage & { seq?: number })[] | null = null;
  private taskId = '';

  readonly items = signal<CommentDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  open(taskId: string): void {
    this.close();
    this.taskId = taskId;
    this.items.set([]);
    const mine = this.realtime.events$.pipe(
      filter((message): message is CommentMessage => (commentEventTypes as readonly string[]).includes(message.event_type)),
      filter((message) => message.data.task_id === taskId),
    );
    this.subscriptions.add(mine.subscribe((message) => (this.held ? this.held.push(message) : this.apply(message))));
    this.subscriptions.add(this.realtime.resync$.subscribe(() => this.load(null)));
    this.load(null);
  }

  close(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.held = null;
  }

  loadMore(): void {
    if (this.nextCursor() && !this.loading()) this.load(this.nextCursor());
  }

  add(id: string, body: string, mentions: readonly string[]): Observable<CommentDto> {
    return this.api.addComment(this.taskId, id, body, mentions).pipe(tap((comment) => this.upsert(comment)));
  }

  edit(comment: CommentDto, body: string, mentions: readonly string[]): Observable<CommentDto> {
    return this.api.editComment(this.taskId, comment.id, body, mentions).pipe(tap((edited) => this.upsert(edited)));
  }

  remove(comment: CommentDto): Observable<void> {
    return this.api.removeComment(this.taskId, comment.id).pipe(map(() => this.drop(comment.id)));
  }

  private load(cursor: string | null): void {
    this.held = [];
    this.loading.set(true);
    this.subscriptions.add(
      this.api.comments(this.taskId, cursor, PAGE).subscribe({
        next: (page) => {
          const held = this.held ?? [];
          this.held = null;
          this.loading.set(false);
          this.error.set(null);
          this.items.update((items) => (cursor ? [...items, ...page.items.filter((c) => !items.some((k) => k.id === c.id))] : page.items));
          this.nextCursor.set(page.next_cursor);
          this.people.remember(page.items.map((comment) => ({ id: comment.authorId, name: comment.authorName })));
          held.filter((message) => (message.seq ?? 0) > page.seq).forEach((message) => this.apply(message));
        },
        error: (error: unknown) => {
          this.held = null;
          this.loading.set(false);
          this.error.set(errorMessage(error, 'Could not load the comments.'));
        },
      }),
    );
  }

  private apply(message: CommentMessage): void {
    const { comment, comment_id } = message.data;
    if (comment) this.upsert(comment);
    else this.drop(comment_id);
  }

  private upsert(comment: CommentDto): void {
    this.people.remember([{ id: comment.authorId, name: comment.authorName }]);
    this.items.update((items) =>
      items.some((known) => known.id === comment.id)
        ? items.map((known) => (known.id === comment.id ? comment : known))
        : // Past the loaded pages, a new comment waits for "more comments" rather than jumping the gap.
          this.nextCursor()
          ? items
          : [...items, comment],
    );
  }

  private drop(id: string): void {
    this.items.update((items) => items.filter((comment) => comment.id !== id));
  }
}
