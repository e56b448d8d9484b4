import { TestBed } from '@angular/core/testing';
import { CommentFormComponent, type CommentDraft } from './comment-form.component';

const people = [
  { id: 'ada', name: 'Ada Park' },
  { id: 'ben', name: 'Ben Okafor' },
  { id: 'bea', name: 'Beatrice Adams' },
];

async function setup() {
  const fixture = TestBed.createComponent(CommentFormComponent);
  fixture.componentRef.setInput('people', people);
  const sent: CommentDraft[] = [];
  fixture.componentInstance.submitted.subscribe((draft) => sent.push(draft));
  await fixture.whenStable();
  const box = fixture.nativeElement.querySelector('textarea') as HTMLTextAreaElement;
  const type = async (text: string) => {
    box.value += text;
    box.setSelectionRange(box.value.length, box.value.length);
    box.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const key = async (key: string, init: KeyboardEventInit = {}) => {
    box.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    await fixture.whenStable();
  };
  const options = () =>
    Array.from(fixture.nativeElement.querySelectorAll('[role="option"]') as NodeListOf<HTMLElement>).map((o) => o.textContent?.trim());
  const listbox = () => fixture.nativeElement.querySelector('[role="listbox"]') as HTMLElement;
  return { fixture, box, type, key, options, listbox, sent };
}

describe('CommentFormComponent: @mention completion', () => {
  it('lists matching people after "@", lets arrows choose and Enter insert the name', async () => {
    const { box, type, key, options, listbox, sent } = await setup();

    await type('Thanks @be');
    expect(options()).toEqual(['Beatrice Adams', 'Ben Okafor']);
    expect(box.getAttribute('aria-activedescendant')).toMatch(/-person-0$/);
    await key('ArrowDown');
    await key('Enter');

    expect(box.value).toBe('Thanks @Ben Okafor ');
    expect(listbox().hidden).toBe(true);
    await type('for this');
    await key('Enter', { ctrlKey: true });
    expect(sent).toEqual([{ body: 'Thanks @Ben Okafor for this', mentions: ['ben'] }]);
  });

  it('closes the list on Escape without sending, and a name typed by hand is not a mention', async () => {
    const { type, key, options, listbox, sent } = await setup();

    await type('@Ad');
    expect(options()).toEqual(['Ada Park', 'Beatrice Adams']);
    await key('Escape');
    expect(listbox().hidden).toBe(true);
    await type('a Park says hi');
    await key('Enter', { ctrlKey: true });

    expect(sent).toEqual([{ body: '@Ada Park says hi', mentions: [] }]);
  });
});
