import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, input, signal, viewChild } from '@angular/core';
import type { CommentDto, TaskDto } from '@taskpulse/contract';
import { errorMessage } from '../../../../core/api/http-errors';
import { randomId } from '../../../../core/api/random-id';
import { AuthService } from '../../../../core/auth/auth.service';
import { TeamsStore } from '../../../teams';
import { CommentFormComponent, type CommentDraft } from './comment-form.component';
import type { Mentionable } from './mentions';
import { CommentsStore } from './comments.store';

/** The conversation on a task: comments oldest first, live; mine can be edited, and removed by me, the owner or a team admin. */
@Component({
  selector: 'tp-comment-thread',
  imports: [DatePipe, CommentFormComponent],
  templateUrl: './comment-thread.component.html',
  styleUrl: './comment-thread.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CommentsStore],
})
export class CommentThreadComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly teams = inject(TeamsStore);
  private readonly form = viewChild.required<CommentFormComponent>('newComment');
  /** Kept until the comment is accepted, so sending again after a lost answer cannot post it twice. */
  private pendingId: string | null = null;

  readonly task = input.required<TaskDto>();
  readonly people = input.required<readonly Mentionable[]>();

  protected readonly store = inject(CommentsStore);
  protected readonly me = computed(() => this.auth.userId());
  protected readonly sending = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  /** Everyone but me can be mentioned. */
  protected readonly mentionable = computed(() => this.people().filter((person) => person.id !== this.auth.userId()));
  protected readonly canModerate = computed(() => this.task().permission === 'owner' || this.teams.isAdmin(this.task().teamId));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.store.close());
  }

  ngOnInit(): void {
    this.store.open(this.task().id);
  }

  protected add(draft: CommentDraft): void {
    this.pendingId ??= randomId();
    this.sending.set(true);
    this.problem.set(null);
    this.store.add(this.pendingId, draft.body, draft.mentions).subscribe({
      next: () => {
        this.pendingId = null;
        this.sending.set(false);
        this.form().reset();
        this.form().focus();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.problem.set(errorMessage(error, 'Could not send the comment.'));
      },
    });
  }

  protected save(comment: CommentDto, draft: CommentDraft): void {
    this.problem.set(null);
    this.store.edit(comment, draft.body, draft.mentions).subscribe({
      next: () => this.editing.set(null),
      error: (error: unknown) => this.problem.set(errorMessage(error, 'Could not save the comment.')),
    });
  }

  protected remove(comment: CommentDto): void {
    this.problem.set(null);
    this.store
      .remove(comment)
      .subscribe({ error: (error: unknown) => this.problem.set(errorMessage(error, 'Could not delete the comment.')) });
  }
}
