/**
 * Where keyboard focus goes when a row of the trash leaves while it holds focus (restored here or elsewhere,
 * purged): to the Restore button of the row that takes its place, else of the row before it, else to the
 * page's heading. Focus that has moved elsewhere on the page is left alone.
 */
export class TrashFocus {
  private focused: { id: string; index: number } | null = null;

  constructor(
    private readonly list: () => HTMLElement | undefined,
    private readonly heading: () => HTMLElement | undefined,
  ) {}

  /** Called on every `focusin` of the page: remembers the row that holds focus. */
  noteFocus(target: EventTarget | null): void {
    const list = this.list();
    const row = target instanceof Element ? target.closest<HTMLElement>('[data-task-id]') : null;
    this.focused = list && row && list.contains(row) ? { id: row.dataset['taskId'] ?? '', index: this.rows().indexOf(row) } : null;
  }

  /** After each render of the list, with its ids in screen order. */
  settle(ids: readonly string[]): void {
    const focused = this.focused;
    if (!focused) return;
    const index = ids.indexOf(focused.id);
    if (index !== -1) {
      // Rows come and go above it: its place is kept up to date.
      this.focused = { id: focused.id, index };
      return;
    }
    const document = this.list()?.ownerDocument ?? this.heading()?.ownerDocument;
    const active = document?.activeElement;
    // A removed element may still be reported as active until the browser's next focus fixup.
    if (active && active !== document.body && active.isConnected) {
      this.focused = null;
      return;
    }
    const next = ids[Math.min(focused.index, ids.length - 1)];
    const button = next
      ? this.rows()
          .find((row) => row.dataset['taskId'] === next)
          ?.querySelector<HTMLElement>('[data-restore]')
      : null;
    if (button && next) {
      button.focus();
      this.focused = { id: next, index: ids.indexOf(next) };
    } else {
      this.focused = null;
      this.heading()?.focus();
    }
  }

  private rows(): HTMLElement[] {
    return Array.from(this.list()?.querySelectorAll<HTMLElement>(':scope > [data-task-id]') ?? []);
  }
}
