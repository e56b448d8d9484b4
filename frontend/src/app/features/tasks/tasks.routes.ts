import { Routes } from '@angular/router';
import { TasksPageComponent } from './tasks-page.component';

export default [{ path: '', component: TasksPageComponent }] satisfies Routes;
