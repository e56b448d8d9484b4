import { DEFAULT_QUERY } from './task-query';
import { isFiltered, paramsFromQuery, queryFromParams } from './task-query-params';

const TEAM = '6f1c2a9e-3b7d-4c2e-9a11-0c5e8b7d4f21';

function lookup(params: Record<string, string>) {
  return { get: (name: string) => params[name] ?? null };
}

describe('task query in the URL', () => {
  it('reads every filter back from the URL', () => {
    const sut = queryFromParams(lookup({ q: ' launch ', scope: 'mine', status: 'pending', team: TEAM }));

    expect(sut).toEqual({ q: 'launch', scope: 'mine', status: 'pending', teamId: TEAM });
  });

  it('writes only what differs from the default, and round-trips', () => {
    const query = { q: 'launch', scope: 'shared' as const, status: 'completed' as const, teamId: TEAM };

    expect(paramsFromQuery(DEFAULT_QUERY)).toEqual({ q: null, scope: null, status: null, team: null });
    expect(paramsFromQuery(query)).toEqual({ q: 'launch', scope: 'shared', status: 'completed', team: TEAM });
    expect(queryFromParams(lookup(paramsFromQuery(query) as Record<string, string>))).toEqual(query);
  });

  it('falls back to the default for values it does not know (an old or hand-edited link)', () => {
    const sut = queryFromParams(lookup({ scope: 'everything', status: 'done', team: 'not-a-uuid' }));

    expect(sut).toEqual(DEFAULT_QUERY);
  });

  it('cuts a search to the 200 characters the server accepts', () => {
    expect(queryFromParams(lookup({ q: 'x'.repeat(250) })).q).toHaveLength(200);
  });

  it('tells a filtered list from the whole one', () => {
    expect(isFiltered(DEFAULT_QUERY)).toBe(false);
    expect(isFiltered({ ...DEFAULT_QUERY, q: 'x' })).toBe(true);
    expect(isFiltered({ ...DEFAULT_QUERY, status: 'completed' })).toBe(true);
  });
});
