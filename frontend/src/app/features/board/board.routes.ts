import { Routes } from '@angular/router';
import { BoardPageComponent } from './board-page.component';

export default [{ path: '', component: BoardPageComponent }] satisfies Routes;
