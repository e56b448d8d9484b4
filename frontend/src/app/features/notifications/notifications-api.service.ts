import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { NotificationPage, TaskDto } from '@taskpulse/contract';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** Newest first, with the number unread. */
  list(limit: number): Observable<NotificationPage> {
    return this.http.get<NotificationPage>('/api/notifications', { params: new HttpParams().set('limit', limit) });
  }

  markRead(which: { ids: string[] } | { all: true }): Observable<void> {
    return this.http.post<void>('/api/notifications/read', which);
  }

  /** A task a notification is about, for its title. */
  task(id: string): Observable<TaskDto> {
    return this.http.get<TaskDto>(`/api/tasks/${id}`);
  }
}
