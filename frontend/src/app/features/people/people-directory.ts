import { Injectable, computed, inject, signal } from '@angular/core';
import type { TaskShare } from '../../core/api/api.types';
import { AuthService } from '../../core/auth/auth.service';
import { TeamsStore } from '../teams';

/** Names for user ids, from what the client already knows: me, team members, people on share lists. */
@Injectable({ providedIn: 'root' })
export class PeopleDirectory {
  private readonly auth = inject(AuthService);
  private readonly teams = inject(TeamsStore);
  private readonly fromShares = signal<ReadonlyMap<string, string>>(new Map());
  private readonly names = computed(() => {
    const names = new Map(this.fromShares());
    for (const team of this.teams.teams()) {
      for (const member of team.members) {
        names.set(member.userId, member.name);
      }
    }
    return names;
  });

  /** "You" for me, the person's name when known, else "Someone". */
  nameOf(userId: string | null | undefined): string {
    if (userId && userId === this.auth.userId()) {
      return 'You';
    }
    return (userId && this.names().get(userId)) || 'Someone';
  }

  rememberShares(shares: readonly TaskShare[]): void {
    if (shares.length) {
      this.fromShares.update((names) => new Map([...names, ...shares.map((s) => [s.userId, s.name] as const)]));
    }
  }

  reset(): void {
    this.fromShares.set(new Map());
  }
}
