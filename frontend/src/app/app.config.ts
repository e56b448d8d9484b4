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
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // Mutation ids first, so a request retried after a token refresh keeps its id.
    provideHttpClient(withInterceptors([mutationIdInterceptor, authInterceptor])),
    provideAppInitializer(() => inject(SessionLifecycle).start()),
  ],
};
