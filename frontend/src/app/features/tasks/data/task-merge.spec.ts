import { aTask } from '../../../../testing/builders';
import { fieldsOf, mergeChanges } from './task-merge';

describe('mergeChanges (three-way, per field)', () => {
  const base = aTask({ title: 'Plan', description: 'old notes', priority: 'medium', version: 3 });

  it('re-sends every field when nobody else changed anything', () => {
    expect(mergeChanges({ title: 'Plan' }, { title: 'Plan v2' }, base)).toEqual({ resend: { title: 'Plan v2' }, conflicts: [] });
  });

  it('re-sends the fields only I changed and keeps theirs in the others', () => {
    const theirs = { ...base, description: 'their notes', version: 4 };

    const result = mergeChanges({ title: 'Plan', priority: 'medium' }, { title: 'Plan v2', priority: 'high' }, theirs);

    expect(result).toEqual({ resend: { title: 'Plan v2', priority: 'high' }, conflicts: [] });
  });

  it('offers a choice for a field both changed to different values', () => {
    const theirs = { ...base, title: 'Their plan', version: 4 };

    const result = mergeChanges({ title: 'Plan', priority: 'medium' }, { title: 'My plan', priority: 'low' }, theirs);

    expect(result.resend).toEqual({ priority: 'low' });
    expect(result.conflicts).toEqual([{ field: 'title', base: 'Plan', mine: 'My plan', theirs: 'Their plan' }]);
  });

  it('sends nothing for a field both changed to the same value (a retried change that already landed)', () => {
    const theirs = { ...base, status: 'completed' as const, version: 4 };

    expect(mergeChanges({ status: 'pending' }, { status: 'completed' }, theirs)).toEqual({ resend: {}, conflicts: [] });
  });

  it('treats a missing value and null alike (a due date cleared on both sides)', () => {
    const theirs = { ...base, dueDate: null };

    expect(mergeChanges({ dueDate: '2026-03-01T23:59:59.999Z' }, { dueDate: null }, theirs)).toEqual({ resend: {}, conflicts: [] });
  });

  it('fieldsOf reads the values a change replaces (the base of the merge and of undo)', () => {
    expect(fieldsOf(base, { title: 'x', status: 'completed' })).toEqual({ title: 'Plan', status: 'pending' });
  });
});
