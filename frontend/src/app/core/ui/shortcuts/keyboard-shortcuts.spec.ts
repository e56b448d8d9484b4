import { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { KeyboardShortcuts, shortcutFor } from './keyboard-shortcuts';
import { focusStep } from './focus-step';

function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

/** A DestroyRef whose destroy the test triggers. */
function lifetime(): { ref: DestroyRef; destroy: () => void } {
  const callbacks: (() => void)[] = [];
  const ref = {
    onDestroy: (callback: () => void) => (callbacks.push(callback), () => undefined),
    destroyed: false,
  } as unknown as DestroyRef;
  return { ref, destroy: () => callbacks.forEach((callback) => callback()) };
}

describe('KeyboardShortcuts', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    document.body.innerHTML = '';
  });

  function setup() {
    const sut = TestBed.inject(KeyboardShortcuts);
    const calls: string[] = [];
    return { sut, calls };
  }

  it('runs the handler of the key pressed and keeps the browser from acting on it', () => {
    const { sut, calls } = setup();
    sut.register(
      { create: () => calls.push('create'), search: () => calls.push('search'), help: () => calls.push('help') },
      lifetime().ref,
    );

    const events = [press('c'), press('/'), press('?', document.body, { shiftKey: true })];

    expect(calls).toEqual(['create', 'search', 'help']);
    expect(events.map((event) => event.defaultPrevented)).toEqual([true, true, true]);
  });

  it('never fires while the person types in a field, or with a modifier held', () => {
    const { sut, calls } = setup();
    sut.register({ create: () => calls.push('create'), next: () => calls.push('next') }, lifetime().ref);
    document.body.innerHTML = '<input id="i"><textarea id="t"></textarea><select id="s"></select><div id="e" contenteditable="true"></div>';

    for (const id of ['i', 't', 's', 'e']) press('c', document.getElementById(id)!);
    press('c', document.body, { ctrlKey: true });
    press('j', document.body, { metaKey: true });
    press('j', document.body, { altKey: true });

    expect(calls).toEqual([]);
  });

  it('lets an open dialog keep the keyboard', () => {
    const { sut, calls } = setup();
    sut.register({ next: () => calls.push('next') }, lifetime().ref);
    document.body.innerHTML = '<dialog open><button id="b">Close</button></dialog>';

    press('j', document.getElementById('b')!);

    expect(calls).toEqual([]);
  });

  it("prefers the page's handler over the shell's fallback, and falls back once the page is gone", () => {
    const { sut, calls } = setup();
    sut.register({ create: () => calls.push('shell') }, lifetime().ref);
    const page = lifetime();
    sut.register({ create: () => calls.push('page') }, page.ref);

    press('c');
    page.destroy();
    press('c');

    expect(calls).toEqual(['page', 'shell']);
  });

  it('leaves keys nobody handles to the browser', () => {
    setup();

    expect(press('j').defaultPrevented).toBe(false);
    expect(press('x').defaultPrevented).toBe(false);
  });

  it('hands a deferred action to the page that takes it, once', () => {
    const { sut } = setup();

    sut.defer('search');

    expect(sut.takeDeferred('create')).toBe(false);
    expect(sut.takeDeferred('search')).toBe(true);
    expect(sut.takeDeferred('search')).toBe(false);
  });

  it('reads shift+/ as "?" and plain "/" as search', () => {
    expect(shortcutFor(new KeyboardEvent('keydown', { key: '?', shiftKey: true }))).toBe('help');
    expect(shortcutFor(new KeyboardEvent('keydown', { key: '/' }))).toBe('search');
  });
});

describe('focusStep', () => {
  function items(count: number): HTMLElement[] {
    document.body.innerHTML = Array.from({ length: count }, (_, i) => `<li tabindex="-1" id="r${i}"><button>b${i}</button></li>`).join('');
    return Array.from(document.querySelectorAll('li'));
  }

  it('goes to the first item from outside the list (k: the last), then steps without wrapping', () => {
    const rows = items(3);

    expect(focusStep(rows, 1, document.body)?.id).toBe('r0');
    expect(focusStep(rows, -1, document.activeElement)?.id).toBe('r0');
    expect(focusStep(rows, 1, document.activeElement)?.id).toBe('r1');
    expect(focusStep(rows, 1, document.activeElement)?.id).toBe('r2');
    expect(focusStep(rows, 1, document.activeElement)?.id).toBe('r2');
    expect(focusStep(rows, -1, document.body)?.id).toBe('r2');
  });

  it('steps from the item that contains the focused control', () => {
    const rows = items(3);
    document.querySelector<HTMLElement>('#r1 button')!.focus();

    expect(focusStep(rows, 1, document.activeElement)?.id).toBe('r2');
    expect(document.activeElement?.id).toBe('r2');
  });

  it('does nothing on an empty list', () => {
    expect(focusStep([], 1, document.body)).toBeNull();
  });
});
