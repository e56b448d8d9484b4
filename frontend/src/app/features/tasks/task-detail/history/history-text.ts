/** One history entry in words: "Status: Pending → In progress", "Labels: added Urgent, removed Ops". */
import type { ChecklistItem, HistoryEntry, HistoryField, HistoryValue } from '@taskpulse/contract';
import { PRIORITY_LABELS, formatDueDate } from '../../data/task-format';

export interface Names {
  person(id: string): string;
  team(id: string | null): string | null;
}

const STATUS: Record<string, string> = { pending: 'Pending', in_progress: 'In progress', completed: 'Completed' };
const FIELD: Record<HistoryField, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  dueDate: 'Due date',
  teamId: 'Team',
  assigneeIds: 'Assignees',
  labels: 'Labels',
  checklist: 'Checklist',
  position: 'Board position',
  ownerId: 'Owner',
};
const ORDER = Object.keys(FIELD) as HistoryField[];

export function historyChanges(entry: HistoryEntry, names: Names): string[] {
  if (entry.type === 'task_created') return ['Created the task'];
  if (entry.type === 'task_deleted') return ['Deleted the task'];
  return ORDER.filter((field) => entry.changes[field]).map((field) => {
    const [before, after] = entry.changes[field] as [HistoryValue, HistoryValue];
    return `${FIELD[field]}: ${describe(field, before, after, names)}`;
  });
}

function describe(field: HistoryField, before: HistoryValue, after: HistoryValue, names: Names): string {
  switch (field) {
    case 'assigneeIds':
    case 'labels': {
      const show = (value: string) => (field === 'assigneeIds' ? names.person(value) : value);
      return listChange((before as string[] | null) ?? [], (after as string[] | null) ?? [], show);
    }
    case 'checklist': {
      const items = (after as ChecklistItem[] | null) ?? [];
      return `${items.filter((item) => item.done).length} of ${items.length} done`;
    }
    case 'description':
      return after ? 'changed' : 'removed';
    case 'position':
      return 'moved on the board';
    default:
      return `${single(field, before, names)} → ${single(field, after, names)}`;
  }
}

function single(field: HistoryField, value: HistoryValue, names: Names): string {
  if (value === null || value === '') return field === 'teamId' ? 'no team' : 'none';
  const text = String(value);
  switch (field) {
    case 'status':
      return STATUS[text] ?? text;
    case 'priority':
      return PRIORITY_LABELS[text as keyof typeof PRIORITY_LABELS] ?? text;
    case 'dueDate':
      return formatDueDate(text);
    case 'teamId':
      return names.team(text) ?? 'another team';
    case 'ownerId':
      return names.person(text);
    default:
      return `“${text}”`;
  }
}

function listChange(before: readonly string[], after: readonly string[], show: (value: string) => string): string {
  const added = after.filter((value) => !before.includes(value)).map(show);
  const removed = before.filter((value) => !after.includes(value)).map(show);
  const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
  return parts.join('; ') || 'reordered';
}
