/**
 * Where keyboard focus goes when a list of rows (`[data-task-id]`) changes under it: to the row that takes the place
 * of a row that went away while focused (deleted, restored, left, filtered out), else the one before it, else
 * `whenEmpty`; and to the first new row after "Load more", so the next Tab continues there instead of starting again
 * from the top of the page. Focus that has moved elsewhere is left alone.
 */
export class ListFocus {
  private focused: { id: string; index: number } | null = null;
  private loadedBefore: ReadonlySet<string> | null = null;

  constructor(
    private readonly list: () => HTMLElement | undefined,
    /** Where focus goes when the list is left empty. */
    private readonly whenEmpty: () => HTMLElement | undefined,
    /** What takes focus in a row: the row itself, unless a page says otherwise (the trash: its Restore button). */
    private readonly targetIn: (row: HTMLElement) => HTMLElement | null = (row) => row,
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
  settle(ids: readonly string[], loading = false): void {
    if (this.loadedBefore && !loading) {
      const before = this.loadedBefore;
      this.loadedBefore = null;
      const first = ids.find((id) => !before.has(id));
      if (first) {
        this.focusRow(first);
        return;
      }
    }
    const focused = this.focused;
    if (!focused) return;
    const index = ids.indexOf(focused.id);
    if (index !== -1) {
      // Rows come and go above it: its place is kept up to date.
      this.focused = { id: focused.id, index };
      return;
    }
    const document = this.list()?.ownerDocument ?? this.whenEmpty()?.ownerDocument;
    const active = document?.activeElement;
    // A removed element may still be reported as active until the browser's next focus fixup.
    if (active && active !== document.body && active.isConnected) {
      this.focused = null;
      return;
    }
    const next = ids[Math.min(focused.index, ids.length - 1)];
    if (!next || !this.focusRow(next)) {
      this.focused = null;
      this.whenEmpty()?.focus();
    }
  }

  private rows(): HTMLElement[] {
    return Array.from(this.list()?.querySelectorAll<HTMLElement>(':scope > [data-task-id]') ?? []);
  }

  private focusRow(id: string): boolean {
    const rows = this.rows();
    const row = rows.find((candidate) => candidate.dataset['taskId'] === id);
    const target = row ? this.targetIn(row) : null;
    this.focused = row && target ? { id, index: rows.indexOf(row) } : null;
    target?.focus();
    return target !== null;
  }
}
