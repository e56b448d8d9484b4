import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MutationIds } from './mutation-ids';

export const MUTATION_ID_HEADER = 'X-Mutation-Id';

/** Tags every mutating /api request (auth endpoints aside) with a random `X-Mutation-Id`. */
export const mutationIdInterceptor: HttpInterceptorFn = (req, next) => {
  const mutating = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
  if (!mutating || !req.url.startsWith('/api/') || req.url.startsWith('/api/auth/') || req.headers.has(MUTATION_ID_HEADER)) {
    return next(req);
  }
  const id = inject(MutationIds).issue();
  return next(req.clone({ setHeaders: { [MUTATION_ID_HEADER]: id } }));
};
