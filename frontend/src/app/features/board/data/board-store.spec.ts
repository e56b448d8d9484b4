import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject, throwError } from 'rxjs';
import type { AnyServerMessage, TaskDto, TaskPage } from '@taskpulse/contract';
import { aTask, message, taskEvent } from '../../../../testing/builders';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { BoardStore } from './board-store';

const ME = 'user-me';

function setup(pages: TaskPage[]) {
  const events = new Subject<AnyServerMessage>();
  const answers: Subject<TaskPage>[] = [];
  const patches: { url: string; body: unknown; answer: Subject<TaskDto> }[] = [];
  const http = {
    get: () => {
      const answer = new Subject<TaskPage>();
      answers.push(answer);
      return answer;
    },
    patch: (url: string, body: unknown) => {
      const answer = new Subject<TaskDto>();
      patches.push({ url, body, answer });
      return answer;
    },
  };
  TestBed.configureTestingModule({
    providers: [
      BoardStore,
      { provide: HttpClient, useValue: http },
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: RealtimeService, useValue: { events$: events, resync$: new Subject(), pollTick$: new Subject() } },
    ],
  });
  const sut = TestBed.inject(BoardStore);
  const ids = () => {
    const columns = sut.columns();
    return { pending: columns.pending.map((t) => t.id), in_progress: columns.in_progress.map((t) => t.id), completed: columns.completed.map((t) => t.id) };
  };
  const answerPage = (index: number) => {
    answers[index].next(pages[index]);
    answers[index].complete();
  };
  return { sut, events, answers, answerPage, patches, ids, mutations: TestBed.inject(MutationIds) };
}

const page = (items: TaskDto[], seq: number, next_cursor: string | null = null): TaskPage => ({ items, seq, next_cursor });

describe('BoardStore', () => {
  afterEach(() => TestBed.resetTestingModule());

  const a = aTask({ id: 'a', position: 'a0' });
  const b = aTask({ id: 'b', position: 'a1' });
  const c = aTask({ id: 'c', position: 'a2', status: 'in_progress' });

  it('reads every page of the board, in position order', () => {
    const { sut, answerPage, answers, ids } = setup([page([a, b], 5, 'next'), page([c], 6)]);

    sut.open();
    answerPage(0);
    expect(answers.length).toBe(2);
    answerPage(1);

    expect(ids()).toEqual({ pending: ['a', 'b'], in_progress: ['c'], completed: [] });
    expect(sut.loading()).toBe(false);
  });

  it('replays events that arrived while the snapshot was on its way, only those after its seq', () => {
    const { sut, events, answerPage, ids } = setup([page([a, b], 10)]);
    sut.open();

    events.next(taskEvent('task_updated', 9, { ...a, status: 'completed', version: 2 }));
    events.next(taskEvent('task_deleted', 11, null, { taskId: 'b' }));
    answerPage(0);

    expect(ids()).toEqual({ pending: ['a'], in_progress: [], completed: [] });
  });

  it("moves someone else's card live, highlights it, and never goes back to an older version", () => {
    const { sut, events, answerPage, ids } = setup([page([a, b, c], 1)]);
    sut.open();
    answerPage(0);
    const before: string[] = [];
    sut.beforeRemoteChange$.subscribe((id) => before.push(id));

    events.next(taskEvent('task_updated', 2, { ...a, status: 'in_progress', position: 'a3', version: 3 }));
    events.next(taskEvent('task_updated', 3, { ...a, status: 'pending', version: 2 }));

    expect(ids()).toEqual({ pending: ['b'], in_progress: ['c', 'a'], completed: [] });
    expect(sut.highlighted().has('a')).toBe(true);
    expect(before).toEqual(['a']);
  });

  it('shows my move at once, sends status and moveAfter, then takes the key the server chose', () => {
    const { sut, answerPage, patches, ids } = setup([page([a, b, c], 1)]);
    sut.open();
    answerPage(0);

    sut.move(b, { status: 'in_progress', moveAfter: null });

    expect(ids()).toEqual({ pending: ['a'], in_progress: ['b', 'c'], completed: [] });
    expect(patches.map((p) => [p.url, p.body])).toEqual([['/api/tasks/b', { status: 'in_progress', moveAfter: null }]]);
    patches[0].answer.next({ ...b, status: 'in_progress', position: 'a3', version: b.version + 1 });

    expect(ids()).toEqual({ pending: ['a'], in_progress: ['c', 'b'], completed: [] });
  });

  it('puts the card back and says why when the server refuses the move', () => {
    const { sut, answerPage, patches, ids } = setup([page([a, b], 1)]);
    sut.open();
    answerPage(0);

    sut.move(a, { status: 'completed', moveAfter: null });
    patches[0].answer.error(new Error('You cannot change this task.'));

    expect(ids()).toEqual({ pending: ['a', 'b'], in_progress: [], completed: [] });
    expect(sut.error()).toBe('You cannot change this task.');
  });

  it('does not highlight the echo of my own move', () => {
    const { sut, events, answerPage, mutations } = setup([page([a], 1)]);
    sut.open();
    answerPage(0);
    const mine = mutations.issue();

    events.next(taskEvent('task_updated', 2, { ...a, status: 'completed', version: 5 }, { mutationId: mine }));

    expect(sut.highlighted().size).toBe(0);
    expect(sut.columns().completed.map((t) => t.id)).toEqual(['a']);
  });

  it('reads the board again when I join or leave a team', () => {
    const { sut, events, answerPage, answers } = setup([page([a], 1)]);
    sut.open();
    answerPage(0);

    events.next(message('team_member_added', { team_id: 't', user_id: ME, actor_id: 'x', role: 'member', actor: null }, 2));
    events.next(message('team_member_added', { team_id: 't', user_id: 'someone', actor_id: 'x', role: 'member', actor: null }, 3));

    expect(answers.length).toBe(2);
  });

  it('says so when the board cannot be read', () => {
    const { sut } = setup([]);
    TestBed.inject(HttpClient).get = () => throwError(() => new Error('Cannot reach the server.'));

    sut.open();

    expect(sut.error()).toBe('Cannot reach the server.');
    expect(sut.loading()).toBe(false);
  });

  it("keeps a card's comment count from comment events", () => {
    const { sut, events, answerPage } = setup([page([a], 1)]);
    sut.open();
    answerPage(0);

    const data = { task_id: 'a', user_id: 'u', team_id: null, comment_id: 'c1', comment: null, comment_count: 3, actor: null };
    events.next(message('comment_added', data, 2));

    expect(sut.get('a')?.commentCount).toBe(3);
  });
});
