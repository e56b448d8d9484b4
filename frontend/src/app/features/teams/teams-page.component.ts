import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { errorMessage } from '../../core/api/http-errors';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { RULES } from '../../core/validation/field-rules';
import { lengthOf } from '../../core/validation/field-validators';
import { FormProblems } from '../../core/validation/form-problems';
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
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');

  protected readonly store = inject(TeamsStore);
  protected readonly name = new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.name)] });
  protected readonly problems = new FormProblems(new FormGroup({ name: this.name }), { name: 'teamName' });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.store.load();
    inject(RealtimeService)
      .pollTick$.pipe(takeUntilDestroyed())
      .subscribe(() => this.store.load());
  }

  /** The card I just left is going: the new-team field is the next place that stays. */
  protected focusNameAfterRender(): void {
    afterNextRender(() => this.nameInput().nativeElement.focus(), { injector: this.injector });
  }

  protected create(): void {
    if (this.busy()) {
      return;
    }
    if (this.problems.check()) {
      this.nameInput().nativeElement.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.store.create(this.name.value.trim()).subscribe({
      next: (team) => {
        this.busy.set(false);
        this.name.reset();
        this.problems.reset();
        // The next step with a new team: adding people to it.
        afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#member-email-${team.id}`)?.focus(), {
          injector: this.injector,
        });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(error, 'Could not create the team.', { name: 'teamName' }));
        this.nameInput().nativeElement.focus();
      },
    });
  }
}
