/**
 * The list query in the page URL (`/tasks?q=…&scope=mine&status=pending&team=…&assignee=me&label=…&sort=due`), so filters survive a reload
 * and can be shared or bookmarked. Defaults are left out; anything unknown falls back to its default.
 */
import { type TaskSort, taskLimits, taskSorts } from '@taskpulse/contract';
import type { TaskQuery, TaskScope } from './task.types';
import { DEFAULT_QUERY } from './task-query';

/** What `ParamMap` offers; a plain lookup in specs. */
export interface ParamLookup {
  get(name: string): string | null;
}

/** Query-param values, `null` meaning "leave it out of the URL" (for `Router.navigate` with `merge`). */
export type TaskQueryParams = Record<'q' | 'scope' | 'status' | 'team' | 'assignee' | 'label' | 'sort', string | null>;

const SCOPES: readonly TaskScope[] = ['all', 'mine', 'shared', 'team'];
const STATUSES: readonly TaskQuery['status'][] = ['pending', 'in_progress', 'completed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The server accepts `q` up to 200 characters. */
export const MAX_SEARCH_LENGTH = 200;

export function queryFromParams(params: ParamLookup): TaskQuery {
  const scope = params.get('scope') as TaskScope | null;
  const status = params.get('status') as TaskQuery['status'] | null;
  const team = params.get('team');
  const assignee = params.get('assignee');
  const sort = params.get('sort') as TaskSort | null;
  return {
    scope: scope && SCOPES.includes(scope) ? scope : DEFAULT_QUERY.scope,
    status: status && STATUSES.includes(status) ? status : DEFAULT_QUERY.status,
    teamId: team && UUID.test(team) ? team : DEFAULT_QUERY.teamId,
    q: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    assignee: assignee === 'me' || (assignee && UUID.test(assignee)) ? assignee : DEFAULT_QUERY.assignee,
    label: (params.get('label') ?? '').trim().slice(0, taskLimits.labelLength),
    sort: sort && taskSorts.includes(sort) ? sort : DEFAULT_QUERY.sort,
  };
}

export function paramsFromQuery(query: TaskQuery): TaskQueryParams {
  return {
    q: query.q || null,
    scope: query.scope === DEFAULT_QUERY.scope ? null : query.scope,
    status: query.status || null,
    team: query.teamId,
    assignee: query.assignee,
    label: query.label || null,
    sort: query.sort === DEFAULT_QUERY.sort ? null : query.sort,
  };
}

export function sameQuery(a: TaskQuery, b: TaskQuery): boolean {
  return (
    a.scope === b.scope &&
    a.status === b.status &&
    a.teamId === b.teamId &&
    a.q === b.q &&
    a.assignee === b.assignee &&
    a.label === b.label &&
    a.sort === b.sort
  );
}

/** Anything other than "all my tasks" (in any order): the empty list then says nothing matches rather than "no tasks yet". */
export function isFiltered(query: TaskQuery): boolean {
  return !sameQuery({ ...query, sort: DEFAULT_QUERY.sort }, DEFAULT_QUERY);
}
