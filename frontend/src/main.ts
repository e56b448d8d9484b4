import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { registerServiceWorker } from './app/core/storage/service-worker';

// Nothing else can report a failed start: the app is not there to show it.
// eslint-disable-next-line no-console
bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => console.error(error));
registerServiceWorker(window);
