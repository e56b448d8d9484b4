import { Injectable } from '@nestjs/common';
import { SqlDatabase, type Statement } from '../platform/database/sql-database';
import type { Dialect } from '../platform/database/sql-params';
import { readerFacts, visibleTaskColumns } from './access.repository';

/**
 * "Tasks U can see" is the union of three sets, each read by its own index, never one scan of `tasks` with ORs
 * across joins: owned (tasks.owner_id), shared with U (task_shares.user_id), and the tasks of U's teams
 * (team_members.user_id → tasks.team_id). Lists merge the sets with UNION; counts add disjoint parts instead
 * (owned; team tasks of others; shares of others' tasks outside U's teams), so a task in two sets counts once.
 */
export type Branch = 'owned' | 'shared' | 'team' | 'assigned';

/** U may see `t`: owner, share or team membership, each one index probe. */
const seenByUser = `(t.owner_id = :userId
  OR EXISTS (SELECT 1 FROM task_shares vs WHERE vs.task_id = t.id AND vs.user_id = :userId)
  OR EXISTS (SELECT 1 FROM team_members vm WHERE vm.team_id = t.team_id AND vm.user_id = :userId))`;

const branchFrom: Record<Branch, string> = {
  owned: 'FROM tasks t WHERE t.owner_id = :userId',
  shared: 'FROM task_shares s JOIN tasks t ON t.id = s.task_id WHERE s.user_id = :userId AND t.owner_id <> :userId',
  team: 'FROM team_members m JOIN tasks t ON t.team_id = m.team_id WHERE m.user_id = :userId',
  /** Tasks assigned to U that U (still) sees: "assigned to me" read from U's assignments, not from every visible task. */
  assigned: `FROM task_assignees a JOIN tasks t ON t.id = a.task_id WHERE a.user_id = :userId AND ${seenByUser}`,
};

const teamTasksOfOthers = `${branchFrom.team} AND t.owner_id <> :userId`;

/** The shared branch without tasks the team branch already has, for counts that must not add a task twice. */
const sharedOutsideMyTeams =
  `${branchFrom.shared} AND NOT EXISTS ` + '(SELECT 1 FROM team_members mt WHERE mt.team_id = t.team_id AND mt.user_id = :userId)';

/** A text search: through the full-text index when the term is selective, else a scan of the visible rows only. */
export type TextSearch = { mode: 'index'; match: string; like: string } | { mode: 'scan'; like: string };

/** How the list is ordered: sort-key expressions over `t`, all one way, the last one the id (the keyset is total). */
export interface ListOrder {
  direction: 'ASC' | 'DESC';
  keys: ReadonlyArray<{ expression: string }>;
}

export const newestFirst: ListOrder = { direction: 'DESC', keys: [{ expression: 't.created_at' }, { expression: 't.id' }] };

export interface ListFilter {
  branches: readonly Branch[];
  statuses?: readonly string[];
  teamId?: string;
  search?: TextSearch;
  /** Only tasks assigned to this user. */
  assignee?: string;
  /** Only tasks with this label (compared lower-case). */
  label?: string;
  /** The sort-key values of the last row of the previous page. */
  after?: readonly unknown[];
  limit: number;
}

function conditions(filter: ListFilter, order: ListOrder, dialect: Dialect, params: Record<string, unknown>): string {
  const where: string[] = [];
  if (filter.statuses?.length) {
    where.push('t.status IN (:...statuses)');
    params.statuses = filter.statuses;
  }
  if (filter.teamId) {
    where.push('t.team_id = :teamId');
    params.teamId = filter.teamId;
  }
  if (filter.assignee) {
    where.push('EXISTS (SELECT 1 FROM task_assignees ta WHERE ta.task_id = t.id AND ta.user_id = :assignee)');
    params.assignee = filter.assignee;
  }
  if (filter.label) {
    where.push('EXISTS (SELECT 1 FROM task_labels tl WHERE tl.task_id = t.id AND tl.label = :label)');
    params.label = filter.label.toLowerCase();
  }
  if (filter.search) where.push(searchCondition(filter.search, dialect, params));
  if (filter.after) where.push(afterCondition(order, filter.after, params));
  return where.map((w) => ` AND ${w}`).join('');
}

function searchCondition(search: TextSearch, dialect: Dialect, params: Record<string, unknown>): string {
  params.like = search.like;
  if (dialect === 'postgres') return '(t.title ILIKE :like OR t.description ILIKE :like)';
  if (search.mode === 'index') {
    params.match = search.match;
    return 't.rid IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH :match)';
  }
  return "(LOWER(t.title) LIKE :like ESCAPE '\\' OR LOWER(t.description) LIKE :like ESCAPE '\\')";
}

/** Rows strictly after the cursor in the list order: (a, b) > (x, y) spelled out (a row-value comparison SQLite's planner would not use an index for). */
function afterCondition(order: ListOrder, after: readonly unknown[], params: Record<string, unknown>): string {
  const beyond = order.direction === 'DESC' ? '<' : '>';
  const alternatives = order.keys.map((key, i) => {
    const equal = order.keys.slice(0, i).map((k, j) => `${k.expression} = :after${j}`);
    return `(${[...equal, `${key.expression} ${beyond} :after${i}`].join(' AND ')})`;
  });
  order.keys.forEach((_, i) => (params[`after${i}`] = after[i]));
  return `(${alternatives.join(' OR ')})`;
}

const orderBy = (order: ListOrder) => order.keys.map((k) => `${k.expression} ${order.direction}`).join(', ');

/**
 * One page of the caller's visible tasks with the facts its permission follows from (share permission, team role).
 * Each branch reads at most `limit` rows in list order by its own index; the outer query merges them.
 */
function visibleTaskPage(userId: string, filter: ListFilter, order: ListOrder, dialect: Dialect): Statement {
  const params: Record<string, unknown> = { userId, limit: filter.limit };
  const keyColumns = ['t.id', ...order.keys.filter((k) => k.expression !== 't.id').map((k, i) => `${k.expression} AS k${i}`)].join(', ');
  const branches = filter.branches.map((branch) => {
    const from = branch === 'team' && filter.teamId ? `${branchFrom.team} AND m.team_id = :teamId` : branchFrom[branch];
    const where = conditions(filter, order, dialect, params);
    return `SELECT * FROM (SELECT ${keyColumns} ${from}${where} ORDER BY ${orderBy(order)} LIMIT :limit) AS b_${branch}`;
  });
  const sql = `WITH v AS (${branches.join(' UNION ')})
    SELECT ${visibleTaskColumns} FROM v JOIN tasks t ON t.id = v.id ${readerFacts}
    ORDER BY ${orderBy(order)} LIMIT :limit`;
  return { sql, params };
}

/** The dashboard's figures over the visible set: one pass per branch, each by its own index. */
function visibleTaskFigures(userId: string, bounds: StatsClock): Statement {
  const columns = 't.status, t.due_date, t.completed_at';
  const sql = `WITH v AS (
      SELECT ${columns} ${branchFrom.owned}
      UNION ALL SELECT ${columns} ${teamTasksOfOthers}
      UNION ALL SELECT ${columns} ${sharedOutsideMyTeams})
    SELECT COUNT(*) AS total,
      SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
      SUM(CASE WHEN status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress,
      SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
      SUM(CASE WHEN status <> 'completed' AND due_date < :now THEN 1 ELSE 0 END) AS overdue,
      SUM(CASE WHEN status <> 'completed' AND due_date >= :todayStart AND due_date < :tomorrowStart THEN 1 ELSE 0 END) AS due_today,
      SUM(CASE WHEN completed_at >= :weekStart THEN 1 ELSE 0 END) AS completed_this_week,
      (SELECT COUNT(*) ${branchFrom.shared}) AS shared_with_me,
      (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = :userId AND EXISTS (SELECT 1 FROM task_shares x WHERE x.task_id = t.id)) AS shared_by_me,
      (SELECT COUNT(*) ${branchFrom.assigned} AND t.status <> 'completed') AS assigned_to_me
    FROM v`;
  return { sql, params: { userId, ...bounds } };
}

/** The instants the dashboard counts against (ISO, UTC). */
export type StatsClock = Record<'now' | 'todayStart' | 'tomorrowStart' | 'weekStart', string>;

/** Below this many full-text matches a search goes through the text index; above, the visible rows are scanned. */
const INDEX_SEARCH_LIMIT = 2000;

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The reads over "tasks U can see": list pages, search, dashboard figures. */
@Injectable()
export class VisibleTasksRepository {
  constructor(private readonly db: SqlDatabase) {}

  pageStatement(userId: string, filter: ListFilter, order: ListOrder = newestFirst): Statement {
    return visibleTaskPage(userId, filter, order, this.db.dialect);
  }

  figuresStatement(userId: string, clock: StatsClock): Statement {
    return visibleTaskFigures(userId, clock);
  }

  /** Per team of the caller: its tasks and how many are completed, by team name; each an index-range count. */
  teamFiguresStatement(userId: string): Statement {
    return {
      sql: `SELECT te.id AS team_id, te.name,
          (SELECT COUNT(*) FROM tasks t WHERE t.team_id = te.id) AS total,
          (SELECT COUNT(*) FROM tasks t WHERE t.team_id = te.id AND t.status = 'completed') AS completed
        FROM team_members me JOIN teams te ON te.id = me.team_id
        WHERE me.user_id = :userId ORDER BY te.name, te.id`,
      params: { userId },
    };
  }

  /**
   * How to search for `q` (a case-insensitive substring of title or description, taken literally). PostgreSQL's
   * planner weighs the trigram indexes against the caller's own rows by itself. SQLite's FTS5 trigram index serves
   * terms of three characters or more that match few tasks overall; a common term is found sooner by scanning the
   * caller's visible rows, whose number is what the request may cost.
   */
  async searchFor(q: string): Promise<TextSearch> {
    const like = likePattern(q);
    if (this.db.dialect === 'postgres' || [...q].length < 3) return { mode: 'scan', like };
    const match = `"${q.replace(/"/g, '""')}"`;
    const [row] = await this.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM tasks_fts WHERE tasks_fts MATCH :match LIMIT :limit) found',
      { match, limit: INDEX_SEARCH_LIMIT },
    );
    return Number(row.n) < INDEX_SEARCH_LIMIT ? { mode: 'index', match, like } : { mode: 'scan', like };
  }
}
