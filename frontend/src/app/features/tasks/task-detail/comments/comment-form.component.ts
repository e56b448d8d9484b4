import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, input, output, signal, viewChild } from '@angular/core';
import { commentLimits } from '@taskpulse/contract';
import { type Mentionable, insertMention, mentionQuery, mentionedIds, suggestions } from './mentions';

export interface CommentDraft {
  body: string;
  mentions: string[];
}

let nextFormId = 0;

/**
 * A comment box with @mention completion: typing `@` and a few letters lists the people who can see the task;
 * arrows choose, Enter or Tab takes one, Escape closes the list. Ctrl+Enter sends.
 */
@Component({
  selector: 'tp-comment-form',
  templateUrl: './comment-form.component.html',
  styleUrl: './comment-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentFormComponent implements OnInit {
  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  private chosen: Mentionable[] = [];

  readonly people = input.required<readonly Mentionable[]>();
  readonly label = input('Add a comment');
  readonly submitLabel = input('Comment');
  readonly initial = input('');
  readonly busy = input(false);
  readonly submitted = output<CommentDraft>();
  readonly cancelled = output<void>();

  protected readonly id = `comment-form-${nextFormId++}`;
  protected readonly maxLength = commentLimits.body;
  protected readonly text = signal('');
  protected readonly query = signal<{ start: number; query: string } | null>(null);
  protected readonly active = signal(0);
  protected readonly options = computed(() => {
    const query = this.query();
    return query ? suggestions(this.people(), query.query) : [];
  });
  protected readonly open = computed(() => this.options().length > 0);

  ngOnInit(): void {
    this.text.set(this.initial());
    this.chosen = this.people().filter((person) => this.initial().includes(`@${person.name}`));
  }

  focus(): void {
    this.box().nativeElement.focus();
  }

  /** After a successful send: empty again, ready for the next one. */
  reset(): void {
    this.text.set('');
    this.chosen = [];
    this.query.set(null);
  }

  protected onInput(box: HTMLTextAreaElement): void {
    this.text.set(box.value);
    this.query.set(mentionQuery(box.value, box.selectionStart ?? box.value.length));
    this.active.set(0);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (this.open()) {
      const count = this.options().length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.active.set((this.active() + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.choose(this.options()[this.active()]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.query.set(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && this.initial()) {
      this.cancelled.emit();
    }
  }

  protected choose(person: Mentionable): void {
    const query = this.query();
    const box = this.box().nativeElement;
    if (!query) return;
    const next = insertMention(box.value, query.start, box.selectionStart ?? box.value.length, person.name);
    this.chosen = [...this.chosen.filter((other) => other.id !== person.id), person];
    box.value = next.text;
    this.text.set(next.text);
    this.query.set(null);
    box.focus();
    box.setSelectionRange(next.caret, next.caret);
  }

  protected send(): void {
    const body = this.text().trim();
    if (!body || this.busy()) return;
    this.submitted.emit({ body, mentions: mentionedIds(body, this.chosen) });
  }
}
