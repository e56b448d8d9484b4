import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guards';

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
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard · TaskPulse', loadChildren: () => import('./features/dashboard/dashboard.routes') },
      { path: 'tasks', title: 'Tasks · TaskPulse', loadChildren: () => import('./features/tasks/tasks.routes') },
      { path: 'teams', title: 'Teams · TaskPulse', loadChildren: () => import('./features/teams/teams.routes') },
    ],
  },
  { path: '**', redirectTo: '' },
];
