import { ChangeDetectionStrategy, Component, ElementRef, viewChild } from '@angular/core';
import { SHORTCUT_HELP } from './keyboard-shortcuts';

/** The `?` dialog: every shortcut and what it does. A native modal dialog: Escape closes it, focus goes back. */
@Component({
  selector: 'tp-shortcuts-help',
  templateUrl: './shortcuts-help.component.html',
  styleUrl: './shortcuts-help.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShortcutsHelpComponent {
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private opener: HTMLElement | null = null;

  protected readonly shortcuts = SHORTCUT_HELP;

  open(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    const active = dialog.ownerDocument.activeElement;
    this.opener = active instanceof HTMLElement ? active : null;
    dialog.showModal();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected closed(): void {
    this.opener?.focus();
    this.opener = null;
  }
}
