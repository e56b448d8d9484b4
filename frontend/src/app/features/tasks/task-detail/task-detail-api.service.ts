import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CommentDto, CommentPage, HistoryEntry, TaskDto } from '@taskpulse/contract';
import type { TaskShare } from '../../../core/api/api.types';

/** One task's page: the task, who it is shared with, its history and its comments. */
@Injectable({ providedIn: 'root' })
export class TaskDetailApi {
  private readonly http = inject(HttpClient);

  task(id: string): Observable<TaskDto> {
    return this.http.get<TaskDto>(`/api/tasks/${id}`);
  }

  shares(id: string): Observable<TaskShare[]> {
    return this.http.get<TaskShare[]>(`/api/tasks/${id}/shares`);
  }

  history(id: string): Observable<HistoryEntry[]> {
    return this.http.get<HistoryEntry[]>(`/api/tasks/${id}/history`);
  }

  comments(taskId: string, cursor: string | null, limit: number): Observable<CommentPage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<CommentPage>(`/api/tasks/${taskId}/comments`, { params });
  }

  /** `id` is made by the caller and kept until the answer comes, so a retry never posts twice. */
  addComment(taskId: string, id: string, body: string, mentions: readonly string[]): Observable<CommentDto> {
    return this.http.post<CommentDto>(`/api/tasks/${taskId}/comments`, { id, body, mentions });
  }

  editComment(taskId: string, id: string, body: string, mentions: readonly string[]): Observable<CommentDto> {
    return this.http.patch<CommentDto>(`/api/tasks/${taskId}/comments/${id}`, { body, mentions });
  }

  removeComment(taskId: string, id: string): Observable<void> {
    return this.http.delete<void>(`/api/tasks/${taskId}/comments/${id}`);
  }
}
