import { Routes } from '@angular/router';
import { TeamsPageComponent } from './teams-page.component';

export default [{ path: '', component: TeamsPageComponent }] satisfies Routes;
