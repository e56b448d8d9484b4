import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { DashboardStats } from '../../core/api/api.types';
import { cachedRead } from '../../core/storage/cached-read';
import { OfflineCache } from '../../core/storage/offline-cache';

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);
  private readonly cache = inject(OfflineCache);

  /** Without a server, the last known figures (kept on this device). */
  stats(): Observable<DashboardStats> {
    return cachedRead(this.cache, 'dashboard', this.http.get<DashboardStats>('/api/dashboard/stats'));
  }
}
