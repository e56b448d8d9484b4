// The phases of `npm run bench` that grow the data instead of the sockets: data scale, write rate, team size.
import { benchDatabases } from './bench-target';
import { measureDataScale } from './data-scale';
import { measureTeamSize } from './team-size';
import { measureWriteRates } from './write-rate';

export const scalePhases = ['scale', 'writes', 'team'];

export async function runScalePhases(phases: Set<string>): Promise<void> {
  if (!scalePhases.some((phase) => phases.has(phase))) return;
  const databases = await benchDatabases();
  if (phases.has('scale')) for (const kind of databases) await measureDataScale(kind);
  if (phases.has('writes')) await measureWriteRates(databases);
  if (phases.has('team')) for (const kind of databases) await measureTeamSize(kind);
}
