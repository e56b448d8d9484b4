import { ListFocus } from './list-focus';

/** A list of rows like the tasks page renders: li[data-task-id] with a button inside, and a heading. */
function setup(ids: string[]) {
  document.body.innerHTML = '<h1 tabindex="-1">Tasks</h1><ul></ul>';
  const list = document.querySelector('ul')!;
  const heading = document.querySelector('h1')!;
  // Like Angular's @for: rows that stay are left where they are (moving a node would drop its focus).
  const render = (rows: string[]) => {
    list.querySelectorAll<HTMLElement>('[data-task-id]').forEach((row) => rows.includes(row.dataset['taskId']!) || row.remove());
    for (const id of rows) {
      if (!list.querySelector(`[data-task-id="${id}"]`)) {
        const row = document.createElement('li');
        row.dataset['taskId'] = id;
        row.tabIndex = -1;
        row.innerHTML = `<button type="button">Delete ${id}</button>`;
        list.append(row);
      }
    }
  };
  render(ids);
  const sut = new ListFocus(
    () => list,
    () => heading,
  );
  const onFocus = (event: FocusEvent) => sut.noteFocus(event.target);
  document.addEventListener('focusin', onFocus);
  cleanups.push(() => document.removeEventListener('focusin', onFocus));
  const button = (id: string) => list.querySelector<HTMLElement>(`[data-task-id="${id}"] button`)!;
  return { sut, render, button, heading };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const activeRow = () => document.activeElement?.getAttribute('data-task-id');

describe('ListFocus', () => {
  it('moves focus to the row that takes the place of the focused row when it goes', () => {
    const { sut, render, button } = setup(['a', 'b', 'c']);
    button('b').focus();

    render(['a', 'c']);
    sut.settle(['a', 'c'], false);

    expect(activeRow()).toBe('c');
  });

  it('moves to the new last row when the last one goes, and to the heading when the list is empty', () => {
    const { sut, render, button, heading } = setup(['a', 'b']);
    button('b').focus();
    render(['a']);
    sut.settle(['a'], false);
    expect(activeRow()).toBe('a');

    render([]);
    sut.settle([], false);
    expect(document.activeElement).toBe(heading);
  });

  it('leaves focus alone when it is somewhere else, or the focused row is still there', () => {
    const { sut, render, button } = setup(['a', 'b', 'c']);
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    button('b').focus();
    render(['a', 'b']);
    sut.settle(['a', 'b'], false);
    expect(document.activeElement).toBe(button('b'));

    elsewhere.focus();
    render(['a']);
    sut.settle(['a'], false);
    expect(document.activeElement).toBe(elsewhere);
  });

  it('after "Load more" focuses the first new row once the page has arrived', () => {
    const { sut, render } = setup(['a', 'b']);
    sut.expectMore(['a', 'b']);
    sut.settle(['a', 'b'], true);
    expect(activeRow() ?? null).toBeNull();

    render(['a', 'b', 'c', 'd']);
    sut.settle(['a', 'b', 'c', 'd'], false);

    expect(activeRow()).toBe('c');
  });
});

/** Rows like the trash page renders: li[data-task-id] with a Restore button, and a heading; a link outside the page. */
function setupTrash(ids: string[]) {
  document.body.innerHTML = '<a href="/tasks">Tasks</a><div id="page"><h1 tabindex="-1">Trash</h1><ul></ul></div>';
  const page = document.querySelector('#page')!;
  const list = document.querySelector('ul')!;
  const heading = document.querySelector('h1')!;
  // Like Angular's @for: rows that stay are left where they are, new ones go in their place.
  const render = (rows: string[]) => {
    list.querySelectorAll<HTMLElement>('[data-task-id]').forEach((row) => rows.includes(row.dataset['taskId']!) || row.remove());
    rows.forEach((id, index) => {
      if (list.querySelector(`[data-task-id="${id}"]`)) return;
      const row = document.createElement('li');
      row.dataset['taskId'] = id;
      row.innerHTML = `<span>${id}</span><button type="button" data-restore>Restore ${id}</button>`;
      list.insertBefore(row, list.children[index] ?? null);
    });
  };
  render(ids);
  const sut = new ListFocus(
    () => list,
    () => heading,
    (row) => row.querySelector<HTMLElement>('[data-restore]'),
  );
  // Like the page's host listener: focus moving to the header is not seen.
  const onFocus = (event: Event) => sut.noteFocus(event.target);
  page.addEventListener('focusin', onFocus);
  cleanups.push(() => page.removeEventListener('focusin', onFocus));
  const button = (id: string) => list.querySelector<HTMLElement>(`[data-task-id="${id}"] button`)!;
  const change = (rows: string[]) => {
    render(rows);
    sut.settle(rows);
  };
  return { change, button, heading };
}

const focusedButton = () => (document.activeElement?.hasAttribute('data-restore') ? document.activeElement.textContent : null);

describe('ListFocus on a button inside each row (the trash)', () => {
  it("moves to the next row's Restore button when the focused row goes", () => {
    const { change, button } = setupTrash(['a', 'b', 'c']);
    button('b').focus();

    change(['a', 'c']);

    expect(focusedButton()).toBe('Restore c');
  });

  it('moves to the previous row when the last one goes, then to the heading when the list is empty', () => {
    const { change, button, heading } = setupTrash(['a', 'b']);
    button('b').focus();

    change(['a']);
    expect(focusedButton()).toBe('Restore a');

    change([]);
    expect(document.activeElement).toBe(heading);
  });

  it('keeps track of the row as rows arrive above it', () => {
    const { change, button } = setupTrash(['a', 'b', 'c']);
    button('b').focus();

    change(['new', 'a', 'b', 'c']);
    expect(focusedButton()).toBe('Restore b');
    change(['new', 'a', 'c']);

    expect(focusedButton()).toBe('Restore c');
  });

  it('leaves focus alone when it has moved on before the row goes', () => {
    const { change, button } = setupTrash(['a', 'b']);
    const link = document.querySelector<HTMLElement>('a')!;

    button('b').focus();
    link.focus();
    change(['a']);

    expect(document.activeElement).toBe(link);
  });

  it('leaves focus alone when it was on the heading', () => {
    const { change, heading } = setupTrash(['a', 'b']);
    heading.focus();

    change(['b']);

    expect(document.activeElement).toBe(heading);
  });
});
