import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { TeamRole } from '@taskpulse/contract';
import { Observable } from 'rxjs';
import type { Team, TeamMember } from '../../../core/api/api.types';
import { errorMessage } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { TeamsStore } from '../data/teams-store';

/** One team: members with roles; admins add (by email), promote / demote and remove; anyone can leave. */
@Component({
  selector: 'tp-team-card',
  imports: [ReactiveFormsModule],
  templateUrl: './team-card.component.html',
  styleUrl: './team-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamCardComponent {
  private readonly store = inject(TeamsStore);

  readonly team = input.required<Team>();

  protected readonly me = inject(AuthService).user;
  protected readonly isAdmin = computed(() => this.team().role === 'admin');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl<TeamRole>('member', { nonNullable: true }),
  });

  protected addMember(): void {
    const { email, role } = this.form.getRawValue();
    if (this.form.invalid) {
      this.error.set('Enter the email address of the person to add.');
      return;
    }
    this.run(this.store.addMember(this.team().id, email.trim(), role), () => this.form.reset({ email: '', role }));
  }

  protected setRole(member: TeamMember, role: TeamRole): void {
    this.run(this.store.addMember(this.team().id, member.email, role));
  }

  protected remove(member: TeamMember): void {
    this.run(this.store.removeMember(this.team().id, member.userId));
  }

  protected leave(): void {
    const me = this.me();
    if (me) {
      this.run(this.store.removeMember(this.team().id, me.id));
    }
  }

  private run(action: Observable<unknown>, done?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    action.subscribe({
      next: () => {
        this.busy.set(false);
        done?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error));
      },
    });
  }
}
