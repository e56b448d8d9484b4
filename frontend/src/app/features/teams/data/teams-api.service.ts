import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { TeamRole } from '@taskpulse/contract';
import type { Team } from '../../../core/api/api.types';
import { cachedRead } from '../../../core/storage/cached-read';
import { OfflineCache } from '../../../core/storage/offline-cache';

@Injectable({ providedIn: 'root' })
export class TeamsApi {
  private readonly http = inject(HttpClient);
  private readonly cache = inject(OfflineCache);

  /** My teams; without a server, the last known list (kept on this device). */
  list(): Observable<Team[]> {
    return cachedRead(this.cache, 'teams', this.http.get<Team[]>('/api/teams'));
  }

  create(name: string): Observable<Team> {
    return this.http.post<Team>('/api/teams', { name });
  }

  /** Adds a member, or changes the role of someone already in the team. */
  addMember(teamId: string, email: string, role: TeamRole): Observable<Team> {
    return this.http.post<Team>(`/api/teams/${teamId}/members`, { email, role });
  }

  removeMember(teamId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`/api/teams/${teamId}/members/${userId}`);
  }
}
