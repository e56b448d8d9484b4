import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { HistoryEntry } from '@taskpulse/contract';
import { PeopleDirectory } from '../../../people';
import { TeamsStore } from '../../../teams';
import { historyChanges } from './history-text';

/** Every change to the task since it was made, newest last, with who made it. */
@Component({
  selector: 'tp-history-list',
  imports: [DatePipe],
  templateUrl: './history-list.component.html',
  styleUrl: './history-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryListComponent {
  private readonly people = inject(PeopleDirectory);
  private readonly teams = inject(TeamsStore);

  readonly entries = input.required<readonly HistoryEntry[] | null>();

  protected readonly shown = computed(() =>
    (this.entries() ?? []).map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      who: entry.actor ? this.people.nameOf(entry.actor.id) : 'TaskPulse',
      changes: historyChanges(entry, { person: (id) => this.people.nameOf(id), team: (id) => this.teams.nameOf(id) }),
    })),
  );
}
