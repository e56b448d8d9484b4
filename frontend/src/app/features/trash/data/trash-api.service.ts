import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, Observable, expand, reduce, tap } from 'rxjs';
import type { TaskDto, TrashPage, TrashedTaskDto } from '@taskpulse/contract';

/** What the trash shows at first, and how many more "Load more" adds. */
export const TRASH_PAGE_SIZE = 50;
/** The server's largest page (`limit` ≤ 200). */
const MAX_PAGE_SIZE = 200;

export interface TrashSnapshot {
  items: TrashedTaskDto[];
  nextCursor: string | null;
}

@Injectable({ providedIn: 'root' })
export class TrashApi {
  private readonly http = inject(HttpClient);

  page(cursor: string | null, limit = TRASH_PAGE_SIZE): Observable<TrashPage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<TrashPage>('/api/trash', { params });
  }

  /** The newest `count` tasks of the trash (all of them when it holds fewer), in as few reads as pages of 200 allow. */
  snapshot(count: number): Observable<TrashSnapshot> {
    let read = 0;
    const page = (cursor: string | null) =>
      this.page(cursor, Math.min(MAX_PAGE_SIZE, count - read)).pipe(tap((answer) => (read += answer.items.length)));
    return page(null).pipe(
      expand((answer) => (answer.next_cursor && read < count ? page(answer.next_cursor) : EMPTY)),
      reduce<TrashPage, TrashSnapshot>((snapshot, answer) => ({ items: [...snapshot.items, ...answer.items], nextCursor: answer.next_cursor }), {
        items: [],
        nextCursor: null,
      }),
    );
  }

  /** Safe to retry: restoring a task that is no longer in the trash answers it as it is. */
  restore(id: string): Observable<TaskDto> {
    return this.http.post<TaskDto>(`/api/tasks/${id}/restore`, null);
  }
}
