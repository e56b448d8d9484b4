import { Routes } from '@angular/router';
import { TrashPageComponent } from './trash-page.component';

export default [{ path: '', component: TrashPageComponent }] satisfies Routes;
