// `node scripts/build-if-stale.mjs backend|frontend…`: the one "rebuild when the sources are newer" rule, for
// callers that are not ES modules themselves (the e2e suites' global setup).
import { buildBackendIfStale, buildFrontendIfStale } from './lib.mjs';

const builders = { backend: buildBackendIfStale, frontend: buildFrontendIfStale };
for (const name of process.argv.slice(2)) {
  if (!builders[name]) throw new Error(`unknown build target ${name}; expected ${Object.keys(builders).join(', ')}`);
  builders[name]();
}
