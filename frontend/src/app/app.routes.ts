import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guards';

const shell = () => import('./layout/shell.component').then((m) => m.ShellComponent);
const pages = {
  dashboard: () => import('./features/dashboard/dashboard.routes'),
  tasks: () => import('./features/tasks/tasks.routes'),
  board: () => import('./features/board/board.routes'),
  teams: () => import('./features/teams/teams.routes'),
  trash: () => import('./features/trash/trash.routes'),
};

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · TaskPulse',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login/login.component').then((m) => m.LoginComponent),
  },
  {
    path: 'register',
    title: 'Sign up · TaskPulse',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register/register.component').then((m) => m.RegisterComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard · TaskPulse', loadChildren: pages.dashboard },
      { path: 'tasks', title: 'Tasks · TaskPulse', loadChildren: pages.tasks },
      { path: 'board', title: 'Board · TaskPulse', loadChildren: pages.board },
      { path: 'teams', title: 'Teams · TaskPulse', loadChildren: pages.teams },
      { path: 'trash', title: 'Trash · TaskPulse', loadChildren: pages.trash },
    ],
  },
  { path: '**', redirectTo: '' },
];

/**
 * A returning visitor (a stored session) will see the shell and the page at `path`: start fetching their code
 * while the session is restored, rather than after it (the router's later imports then resolve at once).
 */
export function preloadSignedInPage(path: string): void {
  const page = path.split(/[/?#]/)[1] || 'dashboard';
  void shell();
  if (page in pages) {
    void pages[page as keyof typeof pages]();
  }
}
