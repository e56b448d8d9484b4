import { Injectable, signal } from '@angular/core';
import { OneShotTimer } from '../../util/one-shot-timer';

export interface UndoAction {
  /** What was done, for the toast: "Completed “Buy milk”". */
  readonly label: string;
  readonly undo: () => void;
}

const KEEP = 20;
export const UNDO_TOAST_MS = 10_000;

/** The person's last changes, newest last: the toast offers the newest, Ctrl+Z / Cmd+Z takes them back one by one. */
@Injectable({ providedIn: 'root' })
export class UndoService {
  private readonly stack: UndoAction[] = [];
  private readonly timer = new OneShotTimer();
  private readonly offered = signal<UndoAction | null>(null);

  /** The change the toast offers to undo; null once it is hidden. */
  readonly latest = this.offered.asReadonly();

  push(action: UndoAction): void {
    this.stack.push(action);
    if (this.stack.length > KEEP) {
      this.stack.shift();
    }
    this.offered.set(action);
    this.timer.start(UNDO_TOAST_MS, () => this.offered.set(null));
  }

  /** Takes back the newest change; false when there is none. */
  undo(): boolean {
    const action = this.stack.pop();
    this.dismiss();
    action?.undo();
    return !!action;
  }

  dismiss(): void {
    this.timer.clear();
    this.offered.set(null);
  }

  clear(): void {
    this.stack.length = 0;
    this.dismiss();
  }
}
