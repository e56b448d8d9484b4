import type { EventLogEntry } from '../event-log/event-log-entry';
import { EventOrderer } from './event-orderer';
import { waitUntil } from '@taskpulse/test-support';

function anEntry(seq: number): EventLogEntry {
  return {
    seq,
    type: 'task_updated',
    timestamp: new Date(0).toISOString(),
    actorId: 'actor',
    taskId: 'task',
    teamId: null,
    mutationId: null,
    task: null,
    member: null,
    actor: { id: 'actor', name: 'Actor' },
    detail: null,
    recipients: [],
  };
}

describe('EventOrderer', () => {
  let delivered: number[];
  let warnings: string[];
  let log: Map<number, EventLogEntry>;
  let reads: [number, number][];
  /** The log's head: every seq up to it has been committed (and is in `log` unless pruned). */
  let head: number;
  let sut: EventOrderer;

  beforeEach(() => {
    delivered = [];
    warnings = [];
    reads = [];
    log = new Map();
    head = Number.MAX_SAFE_INTEGER;
    sut = new EventOrderer({
      readRange: async (from, to) => {
        reads.push([from, to]);
        return { entries: [...log.values()].filter((e) => e.seq >= from && e.seq <= to), head };
      },
      deliver: (entry) => delivered.push(entry.seq),
      waitMs: 20,
      warn: (message) => warnings.push(message),
    });
    sut.start(10);
  });

  afterEach(() => sut.stop());

  it('delivers entries that arrive in order at once', () => {
    for (const seq of [11, 12, 13]) sut.accept(anEntry(seq));

    expect(delivered).toEqual([11, 12, 13]);
    expect(sut.delivered).toBe(13);
  });

  it('drops entries at or below what it has delivered, and repeats', () => {
    for (const seq of [9, 10, 11, 11, 12, 11]) sut.accept(anEntry(seq));

    expect(delivered).toEqual([11, 12]);
  });

  it('holds an early entry until the one before it arrives', async () => {
    sut.accept(anEntry(12));
    sut.accept(anEntry(13));
    expect(delivered).toEqual([]);

    sut.accept(anEntry(11));

    expect(delivered).toEqual([11, 12, 13]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reads).toEqual([]);
  });

  it('reads a gap from the log when the missing entry does not come', async () => {
    log.set(11, anEntry(11));
    log.set(12, anEntry(12));

    sut.accept(anEntry(13));
    await waitUntil(() => delivered.length === 3, 'the gap to be filled');

    expect(delivered).toEqual([11, 12, 13]);
    expect(reads).toEqual([[11, 12]]);
  });

  it('skips seqs the log no longer has, with a warning', async () => {
    log.set(12, anEntry(12));

    sut.accept(anEntry(13));
    await waitUntil(() => delivered.length === 2, 'delivery past the hole');

    expect(delivered).toEqual([12, 13]);
    expect(warnings).toEqual([expect.stringContaining('seq 11..11')]);
  });

  it('never moves past the log head, whatever a hint claims', async () => {
    log.set(11, anEntry(11));
    head = 11;

    await sut.catchUp(1_000_000);
    expect(delivered).toEqual([11]);
    expect(warnings).toEqual([]);

    log.set(12, anEntry(12));
    head = 12;
    await sut.catchUp(12);
    expect(delivered).toEqual([11, 12]);
  });

  it('retries a failed read instead of giving up', async () => {
    let failures = 1;
    log.set(11, anEntry(11));
    const flaky = new EventOrderer({
      readRange: async (from, to) => {
        if (failures-- > 0) throw new Error('database away');
        return { entries: [...log.values()].filter((e) => e.seq >= from && e.seq <= to), head };
      },
      deliver: (entry) => delivered.push(entry.seq),
      waitMs: 10,
      warn: (message) => warnings.push(message),
    });
    flaky.start(10);

    flaky.accept(anEntry(12));
    await waitUntil(() => delivered.length === 2, 'delivery after the retry');
    flaky.stop();

    expect(delivered).toEqual([11, 12]);
    expect(warnings).toEqual([expect.stringContaining('database away')]);
  });

  it('keeps order when live entries arrive while a gap is being read', async () => {
    let release: () => void = () => undefined;
    const slow = new EventOrderer({
      readRange: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { entries: [anEntry(11)], head };
      },
      deliver: (entry) => delivered.push(entry.seq),
      waitMs: 5,
      warn: (message) => warnings.push(message),
    });
    slow.start(10);
    slow.accept(anEntry(12));
    await new Promise((resolve) => setTimeout(resolve, 20));

    slow.accept(anEntry(14));
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    slow.accept(anEntry(13));
    slow.stop();

    expect(delivered).toEqual([11, 12, 13, 14]);
  });

  it('delivers on even when one delivery throws', () => {
    const failing = new EventOrderer({
      readRange: async () => ({ entries: [], head }),
      deliver: (entry) => {
        if (entry.seq === 11) throw new Error('socket broke');
        delivered.push(entry.seq);
      },
      waitMs: 5,
      warn: (message) => warnings.push(message),
    });
    failing.start(10);

    for (const seq of [11, 12]) failing.accept(anEntry(seq));
    failing.stop();

    expect(delivered).toEqual([12]);
    expect(warnings).toEqual([expect.stringContaining('socket broke')]);
  });
});
