/**
 * `j`/`k`: moves focus to the next or previous item of a list (rows, board cards). From outside the list the
 * first press goes to the first item (`k`: the last); the ends do not wrap. Returns the item focused.
 */
export function focusStep(items: readonly HTMLElement[], delta: 1 | -1, active: Element | null): HTMLElement | null {
  if (!items.length) return null;
  const current = items.findIndex((item) => item === active || (active !== null && item.contains(active)));
  const index = current < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, current + delta));
  const target = items[index];
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return target;
}
