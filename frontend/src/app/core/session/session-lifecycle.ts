import { Injectable, inject } from '@angular/core';
import { distinctUntilChanged, map } from 'rxjs';
import { ActivityService } from '../../activity/activity.service';
import { PeopleDirectory } from '../../activity/people-directory';
import { TaskStore } from '../../tasks/data/task-store';
import { TeamsStore } from '../../teams/data/teams-store';
import { AuthService } from '../auth/auth.service';
import { RealtimeService } from '../realtime/realtime.service';

/**
 * Ties the app-wide services to the session: while someone is signed in the socket is open and the stores
 * listen to it (from the first event on, so nothing that arrives before a page loads is lost); on sign-out
 * everything of that user is forgotten.
 */
@Injectable({ providedIn: 'root' })
export class SessionLifecycle {
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly tasks = inject(TaskStore);
  private readonly teams = inject(TeamsStore);
  private readonly people = inject(PeopleDirectory);
  private readonly activity = inject(ActivityService);

  start(): Promise<void> {
    this.auth.user$
      .pipe(
        map((user) => user?.id ?? null),
        distinctUntilChanged(),
      )
      .subscribe((userId) => {
        if (userId) {
          this.realtime.connect();
          this.teams.load();
        } else {
          this.realtime.disconnect();
          this.tasks.reset();
          this.teams.reset();
          this.people.reset();
          this.activity.reset();
        }
      });
    return this.auth.restoreSession();
  }
}
