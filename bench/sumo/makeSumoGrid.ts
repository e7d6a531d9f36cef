/**
 * A synthetic urban grid and random trips made with SUMO's own tools, into a folder:
 *
 *   netgenerate --grid --grid.number=N --grid.length=L --default.lanenumber 1
 *     --default.speed 13.89 --default-junction-type traffic_light -o grid.net.xml
 *
 * an N x N grid of two-way, one-lane-per-direction streets, L metres between junctions, 50 km/h,
 * every junction signalised with SUMO's default static program (cycle 90 s: 42 s green and 3 s
 * yellow per axis). `--tls.guess true` alone signalises nothing here (its threshold on the sum of
 * the incoming speeds, 250 km/h, is above four 50 km/h streets), hence the junction type.
 *
 *   python3 $SUMO_HOME/tools/randomTrips.py -n grid.net.xml -o grid.trips.xml -b 0 -e S
 *     -p S/T --seed 42 --validate --min-distance 1.5L [--junction-taz]
 *     --trip-attributes 'departLane="best" departSpeed="max"'
 *
 * T trips at an even period over [0, S] s between random edges (uniform choice, fixed seed),
 * checked for connectivity (duarouter), their ends at least 1.5 blocks apart; departing at the
 * fastest safe speed as Vigie's vehicles do (SUMO's departSpeed="max"). With `junctionTrips`
 * (`--junction-taz`), each trip goes from a junction to a junction (SUMO may leave by any of the
 * origin's edges and arrive by any of the destination's), which is Vigie's notion of a trip;
 * without it, trips go from edge to edge.
 *
 *   duarouter -n grid.net.xml -r grid.trips.xml -o grid.rou.xml [--junction-taz] --seed 42
 *     --no-step-log
 *
 * routes the trips beforehand (shortest free-flow travel time, as Vigie routes its demand when
 * the world is built), timed, so that SUMO's run measures simulation rather than routing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The files made and the command lines that made them. */
export interface SumoGrid {
  netFile: string;
  tripsFile: string;
  routesFile: string;
  /** Wall time of duarouter, s. */
  routingS: number;
  commands: string[];
}

/** Runs a command; throws with its output when it fails. Returns the command line for the record. */
function run(command: string, args: string[], cwd: string): string {
  const line = `${command} ${args.map((a) => (/[\s"'=]/.test(a) && !/^--[\w.-]+=/.test(a) ? `'${a}'` : a)).join(' ')}`;
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) throw new Error(`${line}\n  failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}`);
  return line;
}

/** Builds the grid network and its trips in `dir`. */
export function makeSumoGrid(dir: string, randomTripsPy: string, options: { grid: number; lengthM: number; trips: number; seconds: number; junctionTrips: boolean }): SumoGrid {
  const netFile = join(dir, 'grid.net.xml');
  const tripsFile = join(dir, 'grid.trips.xml');
  const routesFile = join(dir, 'grid.rou.xml');
  const taz = options.junctionTrips ? ['--junction-taz'] : [];
  const commands = [
    run('netgenerate', ['--grid', `--grid.number=${options.grid}`, `--grid.length=${options.lengthM}`, '--default.lanenumber', '1', '--default.speed', '13.89', '--default-junction-type', 'traffic_light', '-o', netFile], dir),
    run('python3', [
      randomTripsPy, '-n', netFile, '-o', tripsFile, '-b', '0', '-e', String(options.seconds), '-p', String(options.seconds / options.trips), '--seed', '42', '--validate',
      '--min-distance', String(1.5 * options.lengthM), ...taz, '--trip-attributes', 'departLane="best" departSpeed="max"',
    ], dir),
  ];
  const startMs = performance.now();
  commands.push(run('duarouter', ['-n', netFile, '-r', tripsFile, '-o', routesFile, ...taz, '--seed', '42', '--no-step-log'], dir));
  return { netFile, tripsFile, routesFile, routingS: (performance.now() - startMs) / 1000, commands };
}
