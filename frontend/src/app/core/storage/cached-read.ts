import { Observable, catchError, from, switchMap, tap, throwError } from 'rxjs';
import { isUnreachable } from '../api/http-status';
import type { OfflineCache } from './offline-cache';

/**
 * A read that keeps its last answer on the device, and answers with it when the server cannot be reached
 * (offline, or down): the page then shows the last known state instead of an error.
 */
export function cachedRead<T>(cache: OfflineCache, name: string, read: Observable<T>): Observable<T> {
  return read.pipe(
    tap((answer) => cache.write(name, () => answer, 0)),
    catchError((error: unknown) =>
      isUnreachable(error)
        ? from(cache.read<T>(name)).pipe(switchMap((kept) => (kept === undefined ? throwError(() => error) : [kept])))
        : throwError(() => error),
    ),
  );
}
