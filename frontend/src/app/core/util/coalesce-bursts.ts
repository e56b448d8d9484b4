import { type MonoTypeOperatorFunction, Observable, type SchedulerLike, type Subscription, asyncScheduler } from 'rxjs';

/**
 * Rate-limits a stream of "something changed" signals without losing the last one. A lone signal, or the
 * second of a pair, passes at once (so one change shows without delay); past that, signals are folded into
 * at most one per `intervalMs`, emitted at the end of the wait (trailing), so the newest state is always
 * fetched once the burst is over. A token bucket: `burst` tokens, one back every `intervalMs`.
 */
export function coalesceBursts<T>(intervalMs: number, burst = 2, scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let tokens = burst;
      let refilledAt = scheduler.now();
      let pending: { value: T } | null = null;
      let timer: Subscription | null = null;

      const refill = () => {
        const now = scheduler.now();
        tokens = Math.min(burst, tokens + (now - refilledAt) / intervalMs);
        refilledAt = now;
      };
      const emit = (value: T) => {
        tokens -= 1;
        subscriber.next(value);
      };
      const flushWhenRefilled = () => {
        if (timer) return;
        timer = scheduler.schedule(
          () => {
            timer = null;
            refill();
            if (pending && tokens >= 1) {
              const { value } = pending;
              pending = null;
              emit(value);
            } else if (pending) {
              flushWhenRefilled();
            }
          },
          Math.max(1, Math.ceil((1 - tokens) * intervalMs)),
        );
      };

      const subscription = source.subscribe({
        next: (value) => {
          refill();
          if (!pending && tokens >= 1) {
            emit(value);
          } else {
            pending = { value };
            flushWhenRefilled();
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (pending) subscriber.next(pending.value);
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        timer?.unsubscribe();
      };
    });
}
