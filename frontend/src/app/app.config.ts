import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  DOCUMENT,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { mutationIdInterceptor } from './core/api/mutation-id.interceptor';
import { unreachableInterceptor } from './core/api/unreachable';
import { authInterceptor } from './core/auth/auth.interceptor';
import { SessionLifecycle } from './core/session/session-lifecycle';
import { provideActivity } from './features/activity/activity.providers';
import { provideNotifications } from './features/notifications/notifications.providers';
import { providePeople } from './features/people/people.providers';
import { provideTasks } from './features/tasks/tasks.providers';
import { provideTeams } from './features/teams/teams.providers';
import { RefreshTokenStore } from './core/storage/refresh-token.store';
import { preloadSignedInPage, routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // Mutation ids first, so a request retried after a token refresh keeps its id; every attempt that gets no
    // answer at all makes the realtime connection check itself.
    provideHttpClient(withInterceptors([mutationIdInterceptor, authInterceptor, unreachableInterceptor])),
    // Features hear of sign-in and sign-out, and start listening to the socket, in this order (their code is
    // loaded on the first sign-in: see SessionLifecycle).
    provideTasks(),
    provideTeams(),
    providePeople(),
    provideActivity(),
    provideNotifications(),
    provideAppInitializer(() => {
      if (inject(RefreshTokenStore).get()) {
        preloadSignedInPage(inject(DOCUMENT).location.pathname);
      }
      return inject(SessionLifecycle).start();
    }),
  ],
};
