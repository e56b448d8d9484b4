import { isDevMode } from '@angular/core';

/**
 * Installs the worker that keeps the app's own files (sw.js, written at build): a page reloaded offline still
 * starts. Only in a production build (the dev server has no sw.js), after the page has loaded.
 */
export function registerServiceWorker(window: Window): void {
  const workers = window.navigator.serviceWorker;
  if (isDevMode() || !workers) {
    return;
  }
  const register = () => void workers.register('/sw.js').catch(() => undefined);
  if (window.document.readyState === 'complete') {
    register();
  } else {
    window.addEventListener('load', register, { once: true });
  }
}
