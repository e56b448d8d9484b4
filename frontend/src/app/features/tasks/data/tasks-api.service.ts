import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { SharePermission, TaskDto } from '@taskpulse/contract';
import type { TaskPage, TaskShare } from '../../../core/api/api.types';
import type { TaskChanges, TaskDraft, TaskQuery } from './task.types';

@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  list(query: TaskQuery, cursor: string | null, limit: number): Observable<TaskPage> {
    let params = new HttpParams().set('scope', query.scope).set('limit', limit);
    if (query.status) params = params.set('status', query.status);
    if (query.teamId) params = params.set('teamId', query.teamId);
    if (query.q.trim()) params = params.set('q', query.q.trim());
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<TaskPage>('/api/tasks', { params });
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
