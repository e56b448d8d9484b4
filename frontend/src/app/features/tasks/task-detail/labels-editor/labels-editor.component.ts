import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { taskLimits } from '@taskpulse/contract';

/** Labels as chips: Enter adds one (trimmed, no case-insensitive duplicate, at most 20 of 32 characters), × removes it. */
@Component({
  selector: 'tp-labels-editor',
  templateUrl: './labels-editor.component.html',
  styleUrl: '../task-detail-sections.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LabelsEditorComponent {
  readonly labels = input.required<readonly string[]>();
  readonly disabled = input(false);
  readonly changed = output<string[]>();

  protected readonly maxLength = taskLimits.labelLength;
  protected readonly problem = signal<string | null>(null);

  protected add(input: HTMLInputElement): void {
    const label = input.value.trim();
    const labels = this.labels();
    if (!label) return;
    if (labels.some((other) => other.toLowerCase() === label.toLowerCase())) {
      this.problem.set(`“${label}” is already a label.`);
    } else if (labels.length >= taskLimits.labels) {
      this.problem.set(`A task can have at most ${taskLimits.labels} labels.`);
    } else {
      this.problem.set(null);
      this.changed.emit([...labels, label]);
      input.value = '';
    }
  }

  protected remove(label: string): void {
    this.changed.emit(this.labels().filter((other) => other !== label));
  }
}
