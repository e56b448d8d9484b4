import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { TeamRole } from '@taskpulse/contract';
import { Observable } from 'rxjs';
import type { Team, TeamMember } from '../../../core/api/api.types';
import { errorMessage, serverProblems } from '../../../core/api/http-errors';
import { emailAddress } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';
import { AuthService } from '../../../core/auth/auth.service';
import { TeamsStore } from '../data/teams-store';

/**
 * One team: members with roles; admins add (by email), promote / demote and remove; anyone can leave. When a
 * member's row goes, focus moves to the add-member field (or the team's name), never to the page itself.
 */
@Component({
  selector: 'tp-team-card',
  imports: [ReactiveFormsModule],
  templateUrl: './team-card.component.html',
  styleUrl: './team-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamCardComponent {
  private readonly store = inject(TeamsStore);
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  readonly team = input.required<Team>();
  /** I left the team: this card is about to go. */
  readonly left = output<void>();

  protected readonly me = inject(AuthService).user;
  protected readonly isAdmin = computed(() => this.team().role === 'admin');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [emailAddress()] }),
    role: new FormControl<TeamRole>('member', { nonNullable: true }),
  });
  protected readonly problems = new FormProblems(this.form, { email: 'memberEmail' });

  protected addMember(): void {
    const { email, role } = this.form.getRawValue();
    if (this.busy()) {
      return;
    }
    if (this.problems.check()) {
      this.emailInput()?.nativeElement.focus();
      return;
    }
    this.run(this.store.addMember(this.team().id, email.trim(), role), () => {
      this.form.reset({ email: '', role });
      this.problems.reset();
      this.emailInput()?.nativeElement.focus();
    });
  }

  protected setRole(member: TeamMember, role: TeamRole): void {
    this.run(this.store.addMember(this.team().id, member.email, role));
  }

  protected remove(member: TeamMember): void {
    this.run(this.store.removeMember(this.team().id, member.userId), () => (this.emailInput() ?? this.heading()).nativeElement.focus());
  }

  protected leave(): void {
    const me = this.me();
    if (me) {
      this.run(this.store.removeMember(this.team().id, me.id), () => this.left.emit());
    }
  }

  private run(action: Observable<unknown>, done?: () => void): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    action.subscribe({
      next: () => {
        this.busy.set(false);
        done?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const onEmail = serverProblems(error, { email: 'memberEmail' }).find((problem) => problem.property === 'email');
        if (onEmail) {
          this.problems.show('email', onEmail.text);
          this.emailInput()?.nativeElement.focus();
        } else {
          this.error.set(errorMessage(error));
        }
      },
    });
  }
}
