import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { type ChecklistItem, taskLimits } from '@taskpulse/contract';
import { randomId } from '../../../../core/api/random-id';

/** The task's checklist with its progress: tick, add, remove. The whole list is sent each time (as the API wants). */
@Component({
  selector: 'tp-checklist',
  templateUrl: './checklist.component.html',
  styleUrl: '../task-detail-sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChecklistComponent {
  readonly items = input.required<readonly ChecklistItem[]>();
  readonly disabled = input(false);
  readonly changed = output<ChecklistItem[]>();

  protected readonly maxLength = taskLimits.checklistText;
  protected readonly done = computed(() => this.items().filter((item) => item.done).length);
  protected readonly full = computed(() => this.items().length >= taskLimits.checklist);

  protected toggle(id: string, done: boolean): void {
    this.changed.emit(this.items().map((item) => (item.id === id ? { ...item, done } : item)));
  }

  protected add(input: HTMLInputElement): void {
    const text = input.value.trim();
    if (!text || this.full()) return;
    this.changed.emit([...this.items(), { id: randomId(), text, done: false }]);
    input.value = '';
  }

  protected remove(id: string): void {
    this.changed.emit(this.items().filter((item) => item.id !== id));
  }
}
