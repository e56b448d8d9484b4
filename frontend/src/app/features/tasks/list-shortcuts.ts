import { DestroyRef, afterNextRender, inject } from '@angular/core';
import { focusStep } from '../../core/ui/shortcuts/focus-step';
import { KeyboardShortcuts, type ShortcutHandlers } from '../../core/ui/shortcuts/keyboard-shortcuts';

/**
 * The shortcuts of a page with a list of tasks (the list, the board): `j`/`k` walk its items, `c` and `/` go to
 * its form and search when it has them. Runs a `c` or `/` pressed on another page that opened this one.
 * Call in an injection context.
 */
export function useListShortcuts(items: () => HTMLElement[], handlers: Pick<ShortcutHandlers, 'create' | 'search'>): void {
  const shortcuts = inject(KeyboardShortcuts);
  const step = (delta: 1 | -1) => focusStep(items(), delta, items()[0]?.ownerDocument.activeElement ?? null);
  shortcuts.register({ ...handlers, next: () => step(1), previous: () => step(-1) }, inject(DestroyRef));
  afterNextRender(() => {
    for (const action of ['create', 'search'] as const) {
      if (handlers[action] && shortcuts.takeDeferred(action)) handlers[action]();
    }
  });
}
