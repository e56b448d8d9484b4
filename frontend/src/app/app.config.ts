import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { mutationIdInterceptor } from './core/api/mutation-id.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';
import { SessionLifecycle } from './core/session/session-lifecycle';
import { provideActivity } from './features/activity/activity.providers';
import { providePeople } from './features/people/people.providers';
import { provideTasks } from './features/tasks/tasks.providers';
import { provideTeams } from './features/teams/teams.providers';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // Mutation ids first, so a request retried after a token refresh keeps its id.
    provideHttpClient(withInterceptors([mutationIdInterceptor, authInterceptor])),
    // Features hear of sign-in and sign-out, and start listening to the socket, in this order.
    provideTasks(),
    provideTeams(),
    providePeople(),
    provideActivity(),
    provideAppInitializer(() => inject(SessionLifecycle).start()),
  ],
};
