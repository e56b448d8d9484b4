import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { TaskDto, TaskPriority } from '@taskpulse/contract';
import type { TaskChanges } from '../data/task.types';
import { RULES } from '../../../core/validation/field-rules';
import { lengthOf } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';
import { TeamsStore } from '../../teams';
import { TaskSync } from '../data/task-sync';
import { PresenceService, type PresenceHandle } from '../../../core/realtime/presence.service';
import { PresenceComponent } from '../../../core/ui/presence/presence.component';
import { dueDateFromInput, dueDateToInput } from '../data/task-format';

/**
 * Inline edit. Saves at once (the change is queued and sent in the background) against the task as the edit
 * started: fields someone else changed meanwhile are merged, and a field both changed becomes a choice in the
 * row, so what was typed here is never lost. Opens with the title focused; Escape cancels. While open, the others
 * who can see the task are told that this user is editing it, and which field (viewing while no field has focus).
 */
@Component({
  selector: 'tp-task-edit-form',
  imports: [ReactiveFormsModule, PresenceComponent],
  templateUrl: './task-edit-form.component.html',
  styleUrl: '../task-forms.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskEditFormComponent implements OnInit {
  private readonly sync = inject(TaskSync);
  private readonly presence = inject(PresenceService);
  private readonly destroyRef = inject(DestroyRef);
  private presenceHandle: PresenceHandle | null = null;
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');
  private readonly descriptionInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('descriptionInput');

  readonly task = input.required<TaskDto>();
  readonly canReteam = input(false);
  readonly done = output<void>();

  private readonly base = signal<TaskDto | null>(null);
  protected readonly teams = inject(TeamsStore).teams;
  protected readonly changedMeanwhile = computed(() => {
    const base = this.base();
    return !!base && this.task().version > base.version;
  });
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.title)] }),
    description: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.description)] }),
    priority: new FormControl<TaskPriority>('medium', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
  });
  protected readonly problems = new FormProblems(this.form, { title: 'title', description: 'description' });

  constructor() {
    afterNextRender(() => this.titleInput().nativeElement.focus());
  }

  ngOnInit(): void {
    this.load(this.task());
    this.presenceHandle = this.presence.track(this.task().id, { state: 'editing', field: 'title' });
    this.destroyRef.onDestroy(() => this.presenceHandle?.stop());
  }

  /** The form control that has focus (its `formControlName`): the field this user is editing. */
  protected focused(event: FocusEvent): void {
    const field = (event.target as HTMLElement | null)?.getAttribute('formcontrolname') ?? null;
    this.presenceHandle?.set(field ? { state: 'editing', field } : { state: 'viewing', field: null });
  }

  /** Focus left the form (not merely moved to another of its fields): viewing. */
  protected blurred(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && (event.currentTarget as HTMLElement).contains(next)) return;
    this.presenceHandle?.set({ state: 'viewing', field: null });
  }

  protected cancel(): void {
    this.done.emit();
  }

  protected save(): void {
    const base = this.base();
    if (!base) {
      return;
    }
    const invalid = this.problems.check();
    if (invalid) {
      (invalid === 'title' ? this.titleInput() : this.descriptionInput()).nativeElement.focus();
      return;
    }
    const changes = this.changesFrom(base);
    if (Object.keys(changes).length === 0) {
      this.done.emit();
      return;
    }
    // A refusal by the server is shown in the row (the form is closed by then).
    this.sync.update(base, changes).subscribe({ error: () => undefined });
    this.done.emit();
  }

  private load(task: TaskDto): void {
    this.base.set(task);
    this.form.reset({
      title: task.title,
      description: task.description,
      priority: task.priority,
      dueDate: dueDateToInput(task.dueDate),
      teamId: task.teamId ?? '',
    });
  }

  private changesFrom(base: TaskDto): TaskChanges {
    const value = this.form.getRawValue();
    const changes: TaskChanges = {};
    if (value.title.trim() !== base.title) changes.title = value.title.trim();
    if (value.description !== base.description) changes.description = value.description;
    if (value.priority !== base.priority) changes.priority = value.priority;
    if (value.dueDate !== dueDateToInput(base.dueDate)) changes.dueDate = dueDateFromInput(value.dueDate);
    if (this.canReteam() && (value.teamId || null) !== base.teamId) changes.teamId = value.teamId || null;
    return changes;
  }
}
