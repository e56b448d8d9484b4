/**
 * Cards that someone else moved glide from where they were to where they are now (First, Last, Invert, Play):
 * `capture` before the change renders, `play` after. Nothing moves for people who ask for reduced motion.
 */
const DURATION_MS = 300;

export class Flip {
  private before: Map<string, DOMRect> | null = null;

  constructor(private readonly cards: () => HTMLElement[]) {}

  capture(): void {
    this.before ??= new Map(this.cards().map((card) => [card.dataset['taskId'] ?? '', card.getBoundingClientRect()]));
  }

  play(): void {
    const before = this.before;
    this.before = null;
    if (!before || reducedMotion()) return;
    for (const card of this.cards()) {
      const was = before.get(card.dataset['taskId'] ?? '');
      const now = card.getBoundingClientRect();
      if (!was) {
        card.animate?.(
          [
            { opacity: 0, transform: 'scale(0.96)' },
            { opacity: 1, transform: 'none' },
          ],
          { duration: DURATION_MS, easing: 'ease-out' },
        );
      } else if (was.left !== now.left || was.top !== now.top) {
        const from = `translate(${was.left - now.left}px, ${was.top - now.top}px)`;
        card.animate?.([{ transform: from }, { transform: 'none' }], { duration: DURATION_MS, easing: 'ease-in-out' });
      }
    }
  }
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
