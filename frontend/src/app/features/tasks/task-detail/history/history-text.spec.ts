import type { HistoryEntry } from '@taskpulse/contract';
import { historyChanges } from './history-text';

const names = {
  person: (id: string) => ({ ada: 'Ada Park', ben: 'Ben Okafor' })[id] ?? 'Someone',
  team: (id: string | null) => (id === 't1' ? 'Design' : null),
};
const entry = (changes: HistoryEntry['changes'], type: HistoryEntry['type'] = 'task_updated'): HistoryEntry => ({
  seq: 1,
  at: '2026-02-01T10:00:00.000Z',
  actor: { id: 'ada', name: 'Ada Park' },
  type,
  changes,
});

describe('historyChanges', () => {
  it('says a task was created, whatever its first values', () => {
    expect(historyChanges(entry({ title: [null, 'Plan'] }, 'task_created'), names)).toEqual(['Created the task']);
  });

  it('words each field: statuses, priorities, teams, titles', () => {
    const changes = historyChanges(
      entry({ status: ['pending', 'in_progress'], priority: ['low', 'high'], teamId: [null, 't1'], title: ['Plan', 'Launch plan'] }),
      names,
    );

    expect(changes).toEqual([
      'Title: “Plan” → “Launch plan”',
      'Status: Pending → In progress',
      'Priority: Low → High',
      'Team: no team → Design',
    ]);
  });

  it('lists who was assigned or unassigned and which labels came and went', () => {
    const changes = historyChanges(entry({ assigneeIds: [['ada'], ['ben']], labels: [['ops'], ['ops', 'urgent']] }), names);

    expect(changes).toEqual(['Assignees: added Ben Okafor; removed Ada Park', 'Labels: added urgent']);
  });

  it('sums up a checklist and a board move', () => {
    const checklist = [
      { id: '1', text: 'a', done: true },
      { id: '2', text: 'b', done: false },
    ];

    expect(historyChanges(entry({ checklist: [[], checklist], position: ['a0', 'a1'] }), names)).toEqual([
      'Checklist: 1 of 2 done',
      'Board position: moved on the board',
    ]);
  });
});
