import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, Observable, expand, map, tap, toArray } from 'rxjs';
import type { SharePermission, TaskDto } from '@taskpulse/contract';
import type { TaskPage, TaskShare } from '../../../core/api/api.types';
import type { TaskChanges, TaskDraft, TaskQuery } from './task.types';
import { orderOf } from './task-query';

/** The server's largest page (`limit` ≤ 200). */
export const MAX_PAGE_SIZE = 200;

@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  list(query: TaskQuery, cursor: string | null, limit: number): Observable<TaskPage> {
    let params = new HttpParams().set('scope', query.scope).set('limit', limit);
    if (query.status) params = params.set('status', query.status);
    if (query.teamId) params = params.set('teamId', query.teamId);
    if (query.q.trim()) params = params.set('q', query.q.trim());
    if (query.assignee) params = params.set('assignee', query.assignee);
    if (query.label) params = params.set('label', query.label);
    if (query.sort !== 'created') params = params.set('sort', query.sort);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<TaskPage>('/api/tasks', { params });
  }

  /**
   * The list from the top down to `through` (a task's place in the order; it need not exist any more) and at
   * least `atLeast` tasks, in as many pages as that takes, as one answer: the first page's `seq` (the oldest
   * read) and the last page's cursor. Tasks added above it meanwhile make it longer, never shorter.
   */
  listThrough(query: TaskQuery, through: TaskDto | undefined, atLeast: number, pageSize: number): Observable<TaskPage> {
    let read = 0;
    const page = (cursor: string | null) =>
      this.list(query, cursor, Math.min(MAX_PAGE_SIZE, Math.max(pageSize, atLeast - read))).pipe(
        tap((answer) => (read += answer.items.length)),
      );
    const covered = (answer: TaskPage) => {
      const last = answer.items[answer.items.length - 1];
      return read >= atLeast && (!through || !last || orderOf(query.sort)(last, through) >= 0);
    };
    return page(null).pipe(
      expand((answer) => (answer.next_cursor && !covered(answer) ? page(answer.next_cursor) : EMPTY)),
      toArray(),
      map((pages) => ({ items: pages.flatMap((p) => p.items), next_cursor: pages[pages.length - 1].next_cursor, seq: pages[0].seq })),
    );
  }

  /** `id` is made here so a retried create is answered with the same task instead of a duplicate. */
  create(id: string, draft: TaskDraft): Observable<TaskDto> {
    const body: Record<string, unknown> = { id, title: draft.title, priority: draft.priority };
    if (draft.description) body['description'] = draft.description;
    if (draft.dueDate) body['dueDate'] = draft.dueDate;
    if (draft.teamId) body['teamId'] = draft.teamId;
    return this.http.post<TaskDto>('/api/tasks', body);
  }

  update(id: string, changes: TaskChanges, version: number): Observable<TaskDto> {
    return this.http.patch<TaskDto>(`/api/tasks/${id}`, { ...changes, version });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/tasks/${id}`);
  }

  shares(id: string): Observable<TaskShare[]> {
    return this.http.get<TaskShare[]>(`/api/tasks/${id}/shares`);
  }

  share(id: string, email: string, permission: SharePermission): Observable<TaskShare> {
    return this.http.post<TaskShare>(`/api/tasks/${id}/shares`, { email, permission });
  }

  unshare(id: string, userId: string): Observable<void> {
    return this.http.delete<void>(`/api/tasks/${id}/shares/${userId}`);
  }
}
