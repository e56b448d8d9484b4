/**
 * Single-key shortcuts for the whole app (`c` create, `/` search, `j`/`k` next/previous, `?` help). One listener
 * on the document; pages register what each key does while they are open, the shell registers the fallbacks.
 * A key never fires while the person types in a field or holds a modifier.
 */
import { DOCUMENT, DestroyRef, Injectable, inject } from '@angular/core';

export type ShortcutAction = 'create' | 'search' | 'next' | 'previous' | 'help';
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

export interface ShortcutHelp {
  keys: string;
  does: string;
}

const KEYS: Readonly<Record<string, ShortcutAction>> = { c: 'create', '/': 'search', j: 'next', k: 'previous', '?': 'help' };

/** What the help dialog lists. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: 'c', does: 'New task' },
  { keys: '/', does: 'Search tasks' },
  { keys: 'j', does: 'Next task' },
  { keys: 'k', does: 'Previous task' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** Where a key press means typing (or belongs to a widget), not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"], [role="textbox"]');
}

/** The action for a key press, or null when it is not a shortcut here. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.repeat) return null;
  // A modal dialog (the help itself, a confirmation) owns the keyboard while it is open.
  if (isTypingTarget(event.target) || (event.target instanceof Element && event.target.closest('dialog[open]'))) return null;
  return KEYS[event.key] ?? null;
}

@Injectable({ providedIn: 'root' })
export class KeyboardShortcuts {
  /** Most recent registration first: a page's handlers win over the shell's fallbacks. */
  private layers: ShortcutHandlers[] = [];
  /** An action a fallback deferred to the page it opens (e.g. `c` on the dashboard opens the tasks page). */
  private deferred: ShortcutAction | null = null;

  constructor() {
    const document = inject(DOCUMENT);
    const listener = (event: KeyboardEvent) => this.onKey(event);
    document.addEventListener('keydown', listener);
    inject(DestroyRef).onDestroy(() => document.removeEventListener('keydown', listener));
  }

  /** Handlers for as long as `destroyRef` lives (a page, the shell). */
  register(handlers: ShortcutHandlers, destroyRef: DestroyRef): void {
    this.layers = [handlers, ...this.layers];
    destroyRef.onDestroy(() => (this.layers = this.layers.filter((layer) => layer !== handlers)));
  }

  /** Keeps `action` for the page about to open: it runs it with `takeDeferred` once it has rendered. */
  defer(action: ShortcutAction): void {
    this.deferred = action;
  }

  takeDeferred(action: ShortcutAction): boolean {
    const taken = this.deferred === action;
    if (taken) this.deferred = null;
    return taken;
  }

  /** Runs `action` as if its key were pressed; returns whether anything handled it. */
  trigger(action: ShortcutAction): boolean {
    const handler = this.layers.find((layer) => layer[action])?.[action];
    handler?.();
    return !!handler;
  }

  private onKey(event: KeyboardEvent): void {
    const action = shortcutFor(event);
    if (action && this.trigger(action)) {
      event.preventDefault();
    }
  }
}
