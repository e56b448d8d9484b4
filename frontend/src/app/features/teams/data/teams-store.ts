import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, Subscription, map, merge, tap } from 'rxjs';
import type { TeamRole } from '@taskpulse/contract';
import type { Team } from '../../../core/api/api.types';
import { errorMessage } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { TeamsApi } from './teams-api.service';

/** My teams with their members; refetched when a membership event or a resync arrives. */
@Injectable({ providedIn: 'root' })
export class TeamsStore {
  private readonly api = inject(TeamsApi);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly state = signal<Team[]>([]);
  private loadSubscription: Subscription | null = null;
  private loaded = false;

  readonly teams = this.state.asReadonly();
  readonly error = signal<string | null>(null);
  readonly byId = computed(() => new Map(this.state().map((team) => [team.id, team])));

  constructor() {
    merge(this.realtime.on('team_member_added'), this.realtime.on('team_member_removed'), this.realtime.resync$).subscribe(
      () => this.loaded && this.load(),
    );
  }

  load(): void {
    this.loaded = true;
    this.loadSubscription?.unsubscribe();
    this.loadSubscription = this.api.list().subscribe({
      next: (teams) => {
        this.state.set(teams);
        this.error.set(null);
      },
      error: (error: unknown) => this.error.set(errorMessage(error, 'Could not load teams.')),
    });
  }

  reset(): void {
    this.loadSubscription?.unsubscribe();
    this.loaded = false;
    this.state.set([]);
    this.error.set(null);
  }

  nameOf(teamId: string | null): string | null {
    return teamId ? (this.byId().get(teamId)?.name ?? null) : null;
  }

  isAdmin(teamId: string | null): boolean {
    return !!teamId && this.byId().get(teamId)?.role === 'admin';
  }

  create(name: string): Observable<Team> {
    return this.api.create(name).pipe(tap((team) => this.put(team)));
  }

  /** Adds a member, or changes the role of an existing one (same request). */
  addMember(teamId: string, email: string, role: TeamRole): Observable<Team> {
    return this.api.addMember(teamId, email, role).pipe(tap((team) => this.put(team)));
  }

  removeMember(teamId: string, userId: string): Observable<void> {
    return this.api.removeMember(teamId, userId).pipe(
      map(() => {
        if (userId === this.auth.userId()) {
          this.state.update((teams) => teams.filter((team) => team.id !== teamId));
        } else {
          this.state.update((teams) =>
            teams.map((team) =>
              team.id === teamId ? { ...team, members: team.members.filter((m) => m.userId !== userId) } : team,
            ),
          );
        }
      }),
    );
  }

  private put(team: Team): void {
    this.state.update((teams) =>
      teams.some((known) => known.id === team.id)
        ? teams.map((known) => (known.id === team.id ? team : known))
        : [...teams, team],
    );
  }
}
