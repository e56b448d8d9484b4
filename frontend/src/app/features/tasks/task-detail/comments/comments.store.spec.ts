import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject, of } from 'rxjs';
import type { AnyServerMessage, CommentDto, CommentPage } from '@taskpulse/contract';
import { aComment, message } from '../../../../../testing/builders';
import { RealtimeService } from '../../../../core/realtime/realtime.service';
import { PeopleDirectory } from '../../../people';
import { CommentsStore } from './comments.store';

const TASK = 'task-1';

function setup() {
  const events = new Subject<AnyServerMessage>();
  const pages: Subject<CommentPage>[] = [];
  const posts: { url: string; body: unknown }[] = [];
  const http = {
    get: () => {
      const page = new Subject<CommentPage>();
      pages.push(page);
      return page;
    },
    post: (url: string, body: { id: string; body: string }) => {
      posts.push({ url, body });
      return of(aComment({ id: body.id, taskId: TASK, body: body.body }));
    },
    delete: () => of(undefined),
  };
  TestBed.configureTestingModule({
    providers: [
      CommentsStore,
      { provide: HttpClient, useValue: http },
      { provide: RealtimeService, useValue: { events$: events, resync$: new Subject() } },
      { provide: PeopleDirectory, useValue: { remember: () => undefined } },
    ],
  });
  const sut = TestBed.inject(CommentsStore);
  const event = (
    type: 'comment_added' | 'comment_edited' | 'comment_deleted',
    seq: number,
    comment: CommentDto | null,
    id = comment?.id ?? '',
  ) =>
    events.next(
      message(
        type,
        { task_id: comment?.taskId ?? TASK, user_id: 'u', team_id: null, comment_id: id, comment, comment_count: 1, actor: null },
        seq,
      ),
    );
  const answer = (index: number, items: CommentDto[], seq: number, next_cursor: string | null = null) => {
    pages[index].next({ items, seq, next_cursor });
    pages[index].complete();
  };
  return { sut, event, answer, posts };
}

const bodies = (sut: CommentsStore) => sut.items().map((comment) => comment.body);

describe('CommentsStore', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('lists the comments oldest first and adds, edits and removes them live', () => {
    const { sut, event, answer } = setup();
    const first = aComment({ taskId: TASK, body: 'First' });
    sut.open(TASK);
    answer(0, [first], 10);

    const second = aComment({ taskId: TASK, body: 'Second' });
    event('comment_added', 11, second);
    event('comment_edited', 12, { ...first, body: 'First, edited', editedAt: '2026-02-02T00:00:00.000Z' });
    event('comment_deleted', 13, null, second.id);

    expect(bodies(sut)).toEqual(['First, edited']);
  });

  it("ignores other tasks' comments", () => {
    const { sut, event, answer } = setup();
    sut.open(TASK);
    answer(0, [], 1);

    event('comment_added', 2, aComment({ taskId: 'task-other' }));

    expect(sut.items()).toEqual([]);
  });

  it('applies what arrived while the page was read, only if newer than the read', () => {
    const { sut, event, answer } = setup();
    const old = aComment({ taskId: TASK, body: 'Old' });
    sut.open(TASK);

    event('comment_added', 4, old);
    event('comment_added', 6, aComment({ taskId: TASK, body: 'New' }));
    answer(0, [old], 5);

    expect(bodies(sut)).toEqual(['Old', 'New']);
  });

  it('posts with the id it is given, and shows my comment once though its event comes too', () => {
    const { sut, event, answer, posts } = setup();
    sut.open(TASK);
    answer(0, [], 1);

    let sent: CommentDto | undefined;
    sut.add('client-id-1', 'Hello @Ben Okafor', ['ben']).subscribe((comment) => (sent = comment));
    event('comment_added', 2, sent!);

    expect(posts).toEqual([
      { url: `/api/tasks/${TASK}/comments`, body: { id: 'client-id-1', body: 'Hello @Ben Okafor', mentions: ['ben'] } },
    ]);
    expect(bodies(sut)).toEqual(['Hello @Ben Okafor']);
  });
});
