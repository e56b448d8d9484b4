import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnInit,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { SharePermission, TaskDto } from '@taskpulse/contract';
import { PeopleDirectory } from '../../people';
import type { TaskShare } from '../../../core/api/api.types';
import { errorMessage, serverProblems } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { emailAddress, notOwnEmail } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';
import { TaskSync } from '../data/task-sync';
import { TasksApi } from '../data/tasks-api.service';

/**
 * Who a task is shared with: share by email (view / edit), change by sharing again, revoke. Escape closes it.
 * Sharing goes through the outbox: offline it is kept and sent later (the panel says so).
 */
@Component({
  selector: 'tp-share-panel',
  imports: [ReactiveFormsModule],
  templateUrl: './share-panel.component.html',
  styleUrl: './share-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePanelComponent implements OnInit {
  private readonly api = inject(TasksApi);
  private readonly sync = inject(TaskSync);
  private readonly people = inject(PeopleDirectory);
  private readonly auth = inject(AuthService);
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');

  readonly task = input.required<TaskDto>();
  readonly closed = output<void>();

  protected readonly shares = signal<TaskShare[]>([]);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [emailAddress(), notOwnEmail(() => this.auth.user()?.email)] }),
    permission: new FormControl<SharePermission>('view', { nonNullable: true }),
  });
  protected readonly problems = new FormProblems(this.form, { email: 'shareEmail' });

  constructor() {
    afterNextRender(() => this.emailInput().nativeElement.focus());
  }

  ngOnInit(): void {
    this.api.shares(this.task().id).subscribe({
      next: (shares) => {
        this.loading.set(false);
        this.setShares(shares);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(errorMessage(error, 'Could not load who this task is shared with.'));
      },
    });
  }

  protected share(): void {
    if (this.busy()) {
      return;
    }
    if (this.problems.check()) {
      this.emailInput().nativeElement.focus();
      return;
    }
    const { email, permission } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.sync.share(this.task(), email.trim(), permission).subscribe({
      next: (outcome) => {
        this.busy.set(false);
        if (outcome.status === 'sent') {
          const share = outcome.body as TaskShare;
          this.setShares([...this.shares().filter((s) => s.userId !== share.userId), share]);
          this.status.set(`Shared with ${share.name} (${share.permission === 'edit' ? 'can edit' : 'can view'}).`);
        } else {
          this.status.set(`Will be shared with ${email.trim()} as soon as the server can be reached.`);
        }
        this.form.reset({ email: '', permission });
        this.problems.reset();
        // Ready for the next person.
        this.emailInput().nativeElement.focus();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const onEmail = serverProblems(error, { email: 'shareEmail' }).find((problem) => problem.property === 'email');
        if (onEmail) {
          this.problems.show('email', onEmail.text);
          this.emailInput().nativeElement.focus();
        } else {
          this.error.set(errorMessage(error, 'Could not share the task.'));
        }
      },
    });
  }

  protected revoke(share: TaskShare): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.unshare(this.task().id, share.userId).subscribe({
      next: () => {
        this.busy.set(false);
        this.shares.update((shares) => shares.filter((s) => s.userId !== share.userId));
        this.status.set(`${share.name} no longer has access.`);
        // The row (and its button) is gone: the email field is the next useful place.
        this.emailInput().nativeElement.focus();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error, 'Could not revoke access.'));
      },
    });
  }

  private setShares(shares: TaskShare[]): void {
    this.shares.set(shares);
    this.people.rememberShares(shares);
  }
}
