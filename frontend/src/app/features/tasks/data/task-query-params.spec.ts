import { DEFAULT_QUERY } from './task-query';
import { isFiltered, paramsFromQuery, queryFromParams } from './task-query-params';
import type { TaskQuery } from './task.types';

const TEAM = '6f1c2a9e-3b7d-4c2e-9a11-0c5e8b7d4f21';
const BEN = '0b7c2a9e-3b7d-4c2e-9a11-0c5e8b7d4f99';

function lookup(params: Record<string, string>) {
  return { get: (name: string) => params[name] ?? null };
}

describe('task query in the URL', () => {
  it('reads every filter and the order back from the URL', () => {
    const sut = queryFromParams(
      lookup({ q: ' launch ', scope: 'mine', status: 'in_progress', team: TEAM, assignee: 'me', label: ' Urgent ', sort: 'due' }),
    );

    expect(sut).toEqual({ q: 'launch', scope: 'mine', status: 'in_progress', teamId: TEAM, assignee: 'me', label: 'Urgent', sort: 'due' });
  });

  it('writes only what differs from the default, and round-trips', () => {
    const query: TaskQuery = { q: 'launch', scope: 'shared', status: 'completed', teamId: TEAM, assignee: BEN, label: 'ops', sort: 'priority' };

    expect(paramsFromQuery(DEFAULT_QUERY)).toEqual({ q: null, scope: null, status: null, team: null, assignee: null, label: null, sort: null });
    expect(paramsFromQuery(query)).toEqual({
      q: 'launch',
      scope: 'shared',
      status: 'completed',
      team: TEAM,
      assignee: BEN,
      label: 'ops',
      sort: 'priority',
    });
    expect(queryFromParams(lookup(paramsFromQuery(query) as Record<string, string>))).toEqual(query);
  });

  it('falls back to the default for values it does not know (an old or hand-edited link)', () => {
    const sut = queryFromParams(lookup({ scope: 'everything', status: 'done', team: 'not-a-uuid', assignee: 'ben', sort: 'title' }));

    expect(sut).toEqual(DEFAULT_QUERY);
  });

  it('cuts a search to the 200 characters the server accepts, a label to 32', () => {
    expect(queryFromParams(lookup({ q: 'x'.repeat(250) })).q).toHaveLength(200);
    expect(queryFromParams(lookup({ label: 'y'.repeat(40) })).label).toHaveLength(32);
  });

  it('tells a filtered list from the whole one; another order alone is not a filter', () => {
    expect(isFiltered(DEFAULT_QUERY)).toBe(false);
    expect(isFiltered({ ...DEFAULT_QUERY, sort: 'due' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_QUERY, q: 'x' })).toBe(true);
    expect(isFiltered({ ...DEFAULT_QUERY, status: 'completed' })).toBe(true);
    expect(isFiltered({ ...DEFAULT_QUERY, assignee: 'me' })).toBe(true);
    expect(isFiltered({ ...DEFAULT_QUERY, label: 'ops' })).toBe(true);
  });
});
