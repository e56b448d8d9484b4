import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, Observable, expand, reduce } from 'rxjs';
import type { TaskDto, TrashPage, TrashedTaskDto } from '@taskpulse/contract';

/** A page of `GET /api/trash` (the server's default). */
export const TRASH_PAGE_SIZE = 50;

export interface TrashSnapshot {
  items: TrashedTaskDto[];
  nextCursor: string | null;
}

@Injectable({ providedIn: 'root' })
export class TrashApi {
  private readonly http = inject(HttpClient);

  page(cursor: string | null): Observable<TrashPage> {
    let params = new HttpParams().set('limit', TRASH_PAGE_SIZE);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<TrashPage>('/api/trash', { params });
  }

  /** The first `pages` pages of the trash (fewer when it ends sooner), newest deletion first, as one answer. */
  snapshot(pages: number): Observable<TrashSnapshot> {
    let read = 0;
    return this.page(null).pipe(
      expand((answer) => (answer.next_cursor && ++read < pages ? this.page(answer.next_cursor) : EMPTY)),
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
