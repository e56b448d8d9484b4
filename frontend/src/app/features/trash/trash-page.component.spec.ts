import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { NEVER, Subject } from 'rxjs';
import type { AnyServerMessage, TrashedTaskDto } from '@taskpulse/contract';
import { aTrashedTask, taskEvent } from '../../../testing/builders';
import { AuthService } from '../../core/auth/auth.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { PeopleDirectory } from '../people';
import { TeamsStore } from '../teams';
import { TrashPageComponent } from './trash-page.component';

const ME = 'user-me';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** The page, with the trash answered with `items` (null: the read is left on its way). */
async function setup(items: TrashedTaskDto[] | null) {
  const events = new Subject<AnyServerMessage>();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: RealtimeService, useValue: { events$: events, resync$: NEVER, pollTick$: NEVER } },
      {
        provide: PeopleDirectory,
        useValue: { nameOf: (id: string | null) => ({ [ME]: 'You', 'user-ben': 'Ben Okafor' })[id ?? ''] ?? 'Someone' },
      },
      { provide: TeamsStore, useValue: { nameOf: (id: string | null) => (id === 'team-1' ? 'Design' : null) } },
    ],
  });
  const backend = TestBed.inject(HttpTestingController);
  const sut: ComponentFixture<TrashPageComponent> = TestBed.createComponent(TrashPageComponent);
  document.body.append(sut.nativeElement);
  const page = sut.nativeElement as HTMLElement;
  const answerTrash = async (answer: TrashedTaskDto[]) => {
    backend.expectOne((request) => request.url === '/api/trash').flush({ items: answer, next_cursor: null });
    await sut.whenStable();
  };
  if (items) await answerTrash(items);
  else await sut.whenStable();
  const rows = () => Array.from(page.querySelectorAll<HTMLElement>('[data-testid="trash-row"]'));
  const titles = () => rows().map((row) => row.querySelector('h2')?.textContent?.trim());
  const restoreButton = (title: string) =>
    rows()
      .find((row) => row.textContent?.includes(title))
      ?.querySelector<HTMLButtonElement>('button');
  const text = (testId: string) => page.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  /** Clicks Restore the way a keyboard user does: focus on the button, then activate it. */
  const restore = (title: string) => {
    const button = restoreButton(title)!;
    button.focus();
    button.click();
    const task = (items ?? []).find((candidate) => candidate.title === title)!;
    return backend.expectOne(`/api/tasks/${task.id}/restore`);
  };
  return { sut, page, events, backend, rows, titles, restoreButton, text, restore, answerTrash };
}

const domain = aTrashedTask({ id: 'a', title: 'Renew the domain', deletedAt: minutesAgo(5), deletedBy: ME });
const badges = aTrashedTask({ id: 'b', title: 'Order the badges', deletedAt: minutesAgo(90), deletedBy: 'user-ben', teamId: 'team-1' });
const venue = aTrashedTask({ id: 'c', title: 'Call the venue', deletedAt: minutesAgo(200), deletedBy: 'user-unknown' });

describe('TrashPageComponent', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    document.body.innerHTML = '';
  });

  it('lists each task with when and by whom it was deleted, its team, and a Restore button named after it', async () => {
    const { titles, rows, restoreButton, text } = await setup([domain, badges, venue]);

    expect(titles()).toEqual(['Renew the domain', 'Order the badges', 'Call the venue']);
    const meta = (row: HTMLElement) => Array.from(row.querySelectorAll('.meta > *')).map((part) => part.textContent?.trim());
    expect(rows().map(meta)).toEqual([
      ['Deleted 5 minutes ago by you'],
      ['Deleted 1 hour ago by Ben Okafor', 'Team: Design'],
      ['Deleted 3 hours ago'],
    ]);
    expect(rows()[0].querySelector('time')?.getAttribute('datetime')).toBe(domain.deletedAt);
    expect(restoreButton('Order the badges')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Restore “Order the badges”');
    expect(text('trash-retention')).toContain('Deleted tasks stay here for 30 days, then they are deleted for good.');
    expect(text('trash-empty')).toBeUndefined();
  });

  it('says so politely when a task is restored and moves focus to the next Restore button', async () => {
    const { sut, page, titles, restore, restoreButton } = await setup([domain, badges, venue]);

    const request = restore('Order the badges');
    await sut.whenStable();
    expect(restoreButton('Order the badges')?.getAttribute('aria-disabled')).toBe('true');
    request.flush({ ...badges, version: 2 });
    await sut.whenStable();

    expect(titles()).toEqual(['Renew the domain', 'Call the venue']);
    const status = page.querySelector('[data-testid="trash-status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Restored “Order the badges”. It is back in your tasks.');
    expect(document.activeElement).toBe(restoreButton('Call the venue'));
  });

  it('moves focus to the previous row after the last one, then to the heading, and shows the empty trash', async () => {
    const { sut, page, restore, restoreButton, text } = await setup([domain, venue]);

    restore('Call the venue').flush({ ...venue, version: 2 });
    await sut.whenStable();
    expect(document.activeElement).toBe(restoreButton('Renew the domain'));

    restore('Renew the domain').flush({ ...domain, version: 2 });
    await sut.whenStable();

    expect(document.activeElement).toBe(page.querySelector('h1'));
    expect(text('trash-empty')).toContain('The trash is empty');
    expect(text('trash-status')).toBe('Restored “Renew the domain”. It is back in your tasks.');
  });

  it('keeps the row and focus and says why when a restore fails', async () => {
    const { sut, page, titles, restore, restoreButton, text } = await setup([domain]);

    restore('Renew the domain').error(new ProgressEvent('error'), { status: 0 });
    await sut.whenStable();

    expect(titles()).toEqual(['Renew the domain']);
    expect(page.querySelector('[data-testid="restore-error"]')?.getAttribute('role')).toBe('alert');
    expect(text('restore-error')).toBe(
      'Could not restore “Renew the domain”. Cannot reach the server. Check your connection and try again.',
    );
    expect(document.activeElement).toBe(restoreButton('Renew the domain'));
    expect(text('trash-status')).toBe('');
  });

  it('says the trash is empty, with why it would not be, only once it has been read', async () => {
    const { page, answerTrash } = await setup(null);
    expect(page.querySelector('[data-testid="trash-empty"]')).toBeNull();
    expect(page.textContent).toContain('Loading the trash…');

    await answerTrash([]);

    const empty = page.querySelector('[data-testid="trash-empty"]')?.textContent?.replace(/\s+/g, ' ');
    expect(empty).toContain('The trash is empty');
    expect(empty).toContain('When you delete a task, it waits here for 30 days so you can bring it back.');
    expect(page.textContent).not.toContain('Loading the trash…');
  });

  it('stays live: a task restored elsewhere leaves, a task deleted elsewhere appears', async () => {
    const { sut, events, titles, answerTrash } = await setup([domain, badges]);

    events.next(taskEvent('task_restored', 4, { ...domain, version: 2 }));
    await sut.whenStable();
    expect(titles()).toEqual(['Order the badges']);

    events.next(taskEvent('task_deleted', 5, null, { taskId: 'c', actor: ME }));
    await answerTrash([venue, badges]);
    expect(titles()).toEqual(['Call the venue', 'Order the badges']);
  });
});
