import { aTask } from '../../../../testing/builders';
import { DEFAULT_QUERY, isOverdue, matchesQuery, orderOf } from './task-query';

const ME = 'user-me';

describe('orderOf: the server order of each sort, client-side', () => {
  const early = aTask({ id: 'e', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', priority: 'low', position: 'b', dueDate: '2026-05-01T00:00:00Z' });
  const late = aTask({ id: 'l', createdAt: '2026-02-01T00:00:00Z', updatedAt: '2026-02-15T00:00:00Z', priority: 'high', position: 'a', dueDate: null });
  const middle = aTask({ id: 'm', createdAt: '2026-01-15T00:00:00Z', updatedAt: '2026-01-20T00:00:00Z', priority: 'high', position: 'c', dueDate: '2026-04-01T00:00:00Z' });
  const ids = (sort: Parameters<typeof orderOf>[0]) => [early, late, middle].sort(orderOf(sort)).map((task) => task.id);

  it('created: newest first', () => expect(ids('created')).toEqual(['l', 'm', 'e']));
  it('updated: most recently changed first', () => expect(ids('updated')).toEqual(['e', 'l', 'm']));
  it('position: board order', () => expect(ids('position')).toEqual(['l', 'e', 'm']));
  it('due: soonest first, none last', () => expect(ids('due')).toEqual(['m', 'e', 'l']));
  it('priority: high first, then newest', () => expect(ids('priority')).toEqual(['l', 'm', 'e']));

  it('breaks ties by id, in the direction of the order', () => {
    const a = aTask({ id: 'a', position: 'x', createdAt: '2026-01-01T00:00:00Z' });
    const b = aTask({ id: 'b', position: 'x', createdAt: '2026-01-01T00:00:00Z' });

    expect([b, a].sort(orderOf('position')).map((t) => t.id)).toEqual(['a', 'b']);
    expect([a, b].sort(orderOf('created')).map((t) => t.id)).toEqual(['b', 'a']);
  });
});

describe('matchesQuery: assignee and label', () => {
  const task = aTask({ assigneeIds: [ME, 'user-ben'], labels: ['Urgent', 'ops'] });

  it('keeps tasks assigned to me, or to the person chosen', () => {
    expect(matchesQuery(task, { ...DEFAULT_QUERY, assignee: 'me' }, ME)).toBe(true);
    expect(matchesQuery(task, { ...DEFAULT_QUERY, assignee: 'user-ben' }, ME)).toBe(true);
    expect(matchesQuery(task, { ...DEFAULT_QUERY, assignee: 'user-cy' }, ME)).toBe(false);
    expect(matchesQuery(aTask(), { ...DEFAULT_QUERY, assignee: 'me' }, ME)).toBe(false);
  });

  it('matches a label case-insensitively, whole labels only', () => {
    expect(matchesQuery(task, { ...DEFAULT_QUERY, label: 'urgent' }, ME)).toBe(true);
    expect(matchesQuery(task, { ...DEFAULT_QUERY, label: 'OPS' }, ME)).toBe(true);
    expect(matchesQuery(task, { ...DEFAULT_QUERY, label: 'op' }, ME)).toBe(false);
  });

  it('filters by "in progress" like any status', () => {
    expect(matchesQuery(aTask({ status: 'in_progress' }), { ...DEFAULT_QUERY, status: 'in_progress' }, ME)).toBe(true);
    expect(matchesQuery(aTask({ status: 'pending' }), { ...DEFAULT_QUERY, status: 'in_progress' }, ME)).toBe(false);
  });
});

describe('isOverdue', () => {
  it('counts a task in progress past its due date as overdue, a completed one not', () => {
    const past = '2026-01-01T00:00:00Z';

    expect(isOverdue(aTask({ status: 'in_progress', dueDate: past }))).toBe(true);
    expect(isOverdue(aTask({ status: 'completed', dueDate: past }))).toBe(false);
  });
});
