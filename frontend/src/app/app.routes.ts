import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · TaskPulse',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login/login.component').then((m) => m.LoginComponent),
  },
  {
    path: 'register',
    title: 'Sign up · TaskPulse',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/register/register.component').then((m) => m.RegisterComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: 'Dashboard · TaskPulse', loadChildren: () => import('./dashboard/dashboard.routes') },
      { path: 'tasks', title: 'Tasks · TaskPulse', loadChildren: () => import('./tasks/tasks.routes') },
      { path: 'teams', title: 'Teams · TaskPulse', loadChildren: () => import('./teams/teams.routes') },
    ],
  },
  { path: '**', redirectTo: '' },
];
