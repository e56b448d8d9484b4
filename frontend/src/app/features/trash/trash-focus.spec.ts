import { TrashFocus } from './trash-focus';

/** Rows like the trash page renders: li[data-task-id] with a Restore button, and a heading; a link outside the page. */
function setup(ids: string[]) {
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
  const sut = new TrashFocus(
    () => list,
    () => heading,
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

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const focusedButton = () => (document.activeElement?.hasAttribute('data-restore') ? document.activeElement.textContent : null);

describe('TrashFocus', () => {
  it("moves to the next row's Restore button when the focused row goes", () => {
    const { change, button } = setup(['a', 'b', 'c']);
    button('b').focus();

    change(['a', 'c']);

    expect(focusedButton()).toBe('Restore c');
  });

  it('moves to the previous row when the last one goes, then to the heading when the list is empty', () => {
    const { change, button, heading } = setup(['a', 'b']);
    button('b').focus();

    change(['a']);
    expect(focusedButton()).toBe('Restore a');

    change([]);
    expect(document.activeElement).toBe(heading);
  });

  it('keeps track of the row as rows arrive above it', () => {
    const { change, button } = setup(['a', 'b', 'c']);
    button('b').focus();

    change(['new', 'a', 'b', 'c']);
    expect(focusedButton()).toBe('Restore b');
    change(['new', 'a', 'c']);

    expect(focusedButton()).toBe('Restore c');
  });

  it('leaves focus alone when it has moved on before the row goes', () => {
    const { change, button } = setup(['a', 'b']);
    const link = document.querySelector<HTMLElement>('a')!;

    button('b').focus();
    link.focus();
    change(['a']);

    expect(document.activeElement).toBe(link);
  });

  it('leaves focus alone when it was on the heading', () => {
    const { change, heading } = setup(['a', 'b']);
    heading.focus();

    change(['b']);

    expect(document.activeElement).toBe(heading);
  });
});
