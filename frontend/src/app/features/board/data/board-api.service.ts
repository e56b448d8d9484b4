import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';
import type { TaskDto, TaskPage } from '@taskpulse/contract';
import type { BoardMove } from './board-columns';

/** The server's largest page. */
const PAGE = 200;
/** A board shows at most this many cards; beyond it, it says so (the list pages through everything). */
export const BOARD_LIMIT = 1000;

export interface BoardSnapshot {
  items: TaskDto[];
  /** The log head when the first page was read: events after it are replayed on top. */
  seq: number;
  truncated: boolean;
}

@Injectable({ providedIn: 'root' })
export class BoardApi {
  private readonly http = inject(HttpClient);

  /** Every task I can see, in board order, in pages of 200 (up to BOARD_LIMIT). */
  snapshot(): Observable<BoardSnapshot> {
    const page = (cursor: string | null) => {
      let params = new HttpParams().set('scope', 'all').set('sort', 'position').set('limit', PAGE);
      if (cursor) params = params.set('cursor', cursor);
      return this.http.get<TaskPage>('/api/tasks', { params });
    };
    let read = 0;
    return page(null).pipe(
      expand((answer) => {
        read += answer.items.length;
        return answer.next_cursor && read < BOARD_LIMIT ? page(answer.next_cursor) : EMPTY;
      }),
      reduce(
        (snapshot, answer) => ({
          items: [...snapshot.items, ...answer.items],
          seq: snapshot.seq < 0 ? answer.seq : snapshot.seq,
          truncated: !!answer.next_cursor,
        }),
        { items: [] as TaskDto[], seq: -1, truncated: false },
      ),
      map((snapshot) => ({ ...snapshot, items: snapshot.items.slice(0, BOARD_LIMIT) })),
    );
  }

  /** The server computes the new key inside the write; no `version`: a move never conflicts with an edit. */
  move(id: string, move: BoardMove): Observable<TaskDto> {
    return this.http.patch<TaskDto>(`/api/tasks/${id}`, { status: move.status, moveAfter: move.moveAfter });
  }
}
