import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { errorMessage } from '../../core/api/http-errors';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TeamCardComponent } from './team-card/team-card.component';
import { TeamsStore } from './data/teams-store';

@Component({
  selector: 'tp-teams-page',
  imports: [ReactiveFormsModule, TeamCardComponent],
  templateUrl: './teams-page.component.html',
  styleUrl: './teams-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamsPageComponent {
  protected readonly store = inject(TeamsStore);
  protected readonly name = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(80)],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.store.load();
    inject(RealtimeService)
      .pollTick$.pipe(takeUntilDestroyed())
      .subscribe(() => this.store.load());
  }

  protected create(): void {
    const name = this.name.value.trim();
    if (!name || this.name.invalid) {
      this.error.set('Give the team a name (up to 80 characters).');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.store.create(name).subscribe({
      next: () => {
        this.busy.set(false);
        this.name.reset();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error, 'Could not create the team.'));
      },
    });
  }
}
