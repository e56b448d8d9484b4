import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Person } from '../task-detail.store';

/** Who is doing it: a checkbox for each person who can see the task (only they can be assigned). */
@Component({
  selector: 'tp-assignee-picker',
  templateUrl: './assignee-picker.component.html',
  styleUrl: '../task-detail-sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssigneePickerComponent {
  readonly people = input.required<readonly Person[]>();
  readonly assigneeIds = input.required<readonly string[]>();
  readonly disabled = input(false);
  readonly changed = output<string[]>();

  protected readonly assigned = computed(() => new Set(this.assigneeIds()));
  /** Someone assigned who no longer sees the task still shows, so they can be unassigned. */
  protected readonly choices = computed(() => {
    const listed = new Set(this.people().map((person) => person.id));
    const gone = this.assigneeIds()
      .filter((id) => !listed.has(id))
      .map((id) => ({ id, name: 'Someone who can no longer see it' }));
    return [...this.people(), ...gone];
  });

  protected toggle(id: string, on: boolean): void {
    const ids = this.assigneeIds().filter((other) => other !== id);
    this.changed.emit(on ? [...ids, id] : ids);
  }
}
