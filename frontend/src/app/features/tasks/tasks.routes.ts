import { Routes } from '@angular/router';
import { TaskDetailPageComponent } from './task-detail/task-detail-page.component';
import { TasksPageComponent } from './tasks-page.component';

export default [
  { path: '', component: TasksPageComponent },
  { path: ':id', component: TaskDetailPageComponent, title: 'Task · TaskPulse' },
] satisfies Routes;
