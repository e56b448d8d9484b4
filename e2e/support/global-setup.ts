import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The suites run the built server exactly as `npm start` does, so build it first when the sources are newer. */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs'), 'backend'], { cwd: root, stdio: 'inherit' });
}
