import { RETENTION_TEXT, deletedLine, deletedWhen } from './trash-text';

const NOW = Date.parse('2026-02-07T12:00:00.000Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('trash text', () => {
  it.each([
    [before(20_000), 'just now'],
    [before(MINUTE), '1 minute ago'],
    [before(5 * MINUTE + 59_000), '5 minutes ago'],
    [before(3 * HOUR), '3 hours ago'],
    [before(DAY + HOUR), 'yesterday'],
    [before(12 * DAY), '12 days ago'],
    [before(45 * DAY), 'on 24 Dec 2025'],
  ])('says when a task deleted at %s was deleted: %s', (deletedAt, expected) => {
    expect(deletedWhen(deletedAt, NOW)).toBe(expected);
  });

  it('never says a deletion is in the future when the server clock is a little ahead', () => {
    expect(deletedWhen(new Date(NOW + 30_000).toISOString(), NOW)).toBe('just now');
  });

  it('names who deleted it, "you" for me, and leaves the name out when it is not known', () => {
    expect(deletedLine(before(2 * HOUR), NOW, 'You')).toBe('Deleted 2 hours ago by you');
    expect(deletedLine(before(2 * HOUR), NOW, 'Ben Okafor')).toBe('Deleted 2 hours ago by Ben Okafor');
    expect(deletedLine(before(2 * HOUR), NOW, null)).toBe('Deleted 2 hours ago');
  });

  it('says how long the trash keeps a task: the server default of 30 days', () => {
    expect(RETENTION_TEXT).toBe('Deleted tasks stay here for 30 days, then they are deleted for good.');
  });
});
