import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { UndoService } from './undo.service';

/** "Completed “X”. Undo": the last change, for a few seconds; Ctrl+Z / Cmd+Z outside text fields does the same. */
@Component({
  selector: 'tp-undo-toast',
  templateUrl: './undo-toast.component.html',
  styleUrl: './undo-toast.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class UndoToastComponent {
  protected readonly undo = inject(UndoService);

  protected onKey(event: KeyboardEvent): void {
    const combo = (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
    // In a text field the browser's own undo of the typing comes first.
    if (combo && !isTextField(event.target) && this.undo.undo()) {
      event.preventDefault();
    }
  }
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}
