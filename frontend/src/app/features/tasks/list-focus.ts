/**
 * Where keyboard focus goes when the list changes under it: to the row that takes the place of a row that
 * went away while focused (deleted, left, filtered out by a status change), and to the first new row after
 * "Load more", so the next Tab continues there instead of starting again from the top of the page.
 */
export class ListFocus {
  private focused: { id: string; index: number } | null = null;
  private loadedBefore: ReadonlySet<string> | null = null;

  constructor(
    private readonly list: () => HTMLElement | undefined,
    /** Where focus goes when the list is left empty. */
    private readonly whenEmpty: () => HTMLElement | undefined,
  ) {}

  /** Called on every `focusin` of the page: remembers the row (and its place) that holds focus. */
  noteFocus(target: EventTarget | null): void {
    const list = this.list();
    const row = target instanceof Element ? target.closest<HTMLElement>('[data-task-id]') : null;
    if (!list || !row || !list.contains(row)) {
      this.focused = null;
      return;
    }
    this.focused = { id: row.dataset['taskId'] ?? '', index: this.rows().indexOf(row) };
  }

  /** Before "Load more": the rows there are now, so the first one after them can take focus. */
  expectMore(ids: Iterable<string>): void {
    this.loadedBefore = new Set(ids);
  }

  /** After each render of the list (`ids` in screen order, `loading` while a page is on its way). */
  settle(ids: readonly string[], loading: boolean): void {
    if (this.loadedBefore && !loading) {
      const before = this.loadedBefore;
      this.loadedBefore = null;
      const first = ids.find((id) => !before.has(id));
      if (first) {
        this.focusRow(first);
        return;
      }
    }
    const document = this.list()?.ownerDocument;
    const active = document?.activeElement;
    // A removed element may still be reported as active until the browser's next focus fixup.
    const lost = !active || active === document.body || !active.isConnected;
    if (this.focused && lost && !ids.includes(this.focused.id)) {
      const next = ids[Math.min(this.focused.index, ids.length - 1)];
      if (next) {
        this.focusRow(next);
      } else {
        this.focused = null;
        this.whenEmpty()?.focus();
      }
    }
  }

  private rows(): HTMLElement[] {
    return Array.from(this.list()?.querySelectorAll<HTMLElement>(':scope > [data-task-id]') ?? []);
  }

  private focusRow(id: string): void {
    const row = this.rows().find((candidate) => candidate.dataset['taskId'] === id);
    row?.focus();
    this.focused = row ? { id, index: this.rows().indexOf(row) } : null;
  }
}
