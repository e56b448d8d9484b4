import { Subject } from 'rxjs';
import { coalesceBursts } from './coalesce-bursts';

const SECOND = 1000;

describe('coalesceBursts', () => {
  let source: Subject<number>;
  let emitted: { value: number; at: number }[];
  let start: number;

  beforeEach(() => {
    jest.useFakeTimers();
    start = Date.now();
    source = new Subject<number>();
    emitted = [];
    source.pipe(coalesceBursts(SECOND)).subscribe((value) => emitted.push({ value, at: Date.now() - start }));
  });

  afterEach(() => jest.useRealTimers());

  /** Sends `count` signals `everyMs` apart, starting now. */
  function send(count: number, everyMs: number): void {
    for (let i = 0; i < count; i++) {
      source.next(i);
      jest.advanceTimersByTime(everyMs);
    }
  }

  it('lets a lone signal through at once', () => {
    source.next(1);

    expect(emitted).toEqual([{ value: 1, at: 0 }]);
  });

  it('lets the second of a pair through at once too', () => {
    source.next(1);
    jest.advanceTimersByTime(300);
    source.next(2);

    expect(emitted).toEqual([
      { value: 1, at: 0 },
      { value: 2, at: 300 },
    ]);
  });

  it('folds a burst of 20 signals in one second into one more, trailing, with the last value', () => {
    send(20, 50);
    jest.advanceTimersByTime(2 * SECOND);

    expect(emitted.map((e) => e.value)).toEqual([0, 1, 19]);
    expect(emitted[2].at).toBeGreaterThanOrEqual(950);
    expect(emitted[2].at).toBeLessThanOrEqual(1000);
  });

  it('under a steady stream asks at most once per second, and once more after the last signal', () => {
    send(100, 100); // 10 s, a signal every 100 ms
    jest.advanceTimersByTime(2 * SECOND);

    expect(emitted.length).toBeLessThanOrEqual(2 + 10);
    // After the first two, one token comes back per second: consecutive emissions are a second apart.
    const gaps = emitted.slice(3).map((e, i) => e.at - emitted[i + 2].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SECOND - 1);
    expect(emitted.at(-1)?.value).toBe(99);
    expect(emitted.at(-1)!.at).toBeGreaterThanOrEqual(9_900);
  });

  it('is ready for a lone signal at once again after a quiet while', () => {
    send(10, 10);
    jest.advanceTimersByTime(5 * SECOND);
    const before = emitted.length;

    source.next(42);

    expect(emitted.length).toBe(before + 1);
    expect(emitted.at(-1)?.value).toBe(42);
  });
});
