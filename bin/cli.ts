/**
 * The `vigie` command line (commander). Entry point: `bin/vigie.mjs` registers tsx and imports
 * this module, which parses `process.argv` and sets the exit code:
 *   0  success;
 *   2  bad input: a scenario, rules or event-log problem (one line per problem, `FILE: PATH: MESSAGE`), a missing or
 *      unreadable file, a bad option or argument; no stack trace, nothing written;
 *   1  an internal error (a bug): the stack trace is printed.
 */
import { Command, CommanderError } from 'commander';
import { auditCommand } from './auditCommand.ts';
import { rehearseCommand } from './rehearseCommand.ts';
import { ScenarioError } from '../engine/index.ts';
import { exitCodeForSignal, runCommand } from './runCommand.ts';
import { InterruptedError } from './InterruptedError.ts';
import { UsageError } from './UsageError.ts';
import { importCommand } from './importCommand.ts';
import { CityImportError } from '../city-models/CityImportError.ts';
import { replayCommand } from './replayCommand.ts';
import { RulesError } from '../engine/rules/RulesError.ts';
import { EventLogError } from '../engine/rules/EventLogError.ts';

/** Exit code for bad input (usage, files, scenarios). */
export const EXIT_BAD_INPUT = 2;
/** Exit code for an internal error. */
export const EXIT_INTERNAL = 1;

function buildProgram(): Command {
  const program = new Command('vigie')
    .description('Vigie: crowd simulation for rehearsing and auditing safe-city systems with synthetic people')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`vigie: ${text.replace(/^error: /, '')}`) });
  program
    .command('run')
    .description('run a scenario to its end and write summary.json (and trajectories.csv) to the output directory')
    .argument('<scenario>', 'scenario JSON file (see scenarios/scenario.schema.json)')
    .option('--seed <n>', 'override the scenario seed (a non-negative integer)')
    .option('--out <dir>', 'output directory', 'out')
    .option('--trajectories', 'also write trajectories.csv (id,timeS,x,y) at output.trajectoryHz (default 10 Hz)')
    .option('--rules <file>', 'run these detection rules and responses live (default: the scenario\'s "rules"); alerts, commands and acks go to events.jsonl')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action(async (scenario: string, options) => {
      await runCommand(scenario, options);
    });
  program
    .command('import')
    .description('import OpenStreetMap XML (.osm) or GeoJSON (WGS84, OSM tags as properties) into a city model (city.json)')
    .argument('<file>', 'city data: FILE.osm or FILE.geojson')
    .requiredOption('--out <file>', 'city model to write (JSON)')
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'keep only features meeting this box (degrees); features crossing it are kept whole')
    .option('--origin <lon,lat>', 'origin of the local metric frame (default: the centre of the box or of the data)')
    .option('--name <name>', 'name of the city model (default: the file name)')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action((file: string, options) => {
      importCommand(file, options);
    });
  program
    .command('audit')
    .description('Monte Carlo audit of a scenario\'s detection rules against its ground truth: detections, misses, false alarms and who gets flagged, with 95 % intervals (audit.json, alarms.csv, report.html)')
    .argument('<scenario>', 'scenario file with an "audit" section (which rule detects which incident types)')
    .requiredOption('--runs <n>', 'number of runs (seeds S, S+1, ...)')
    .option('--workers <k>', 'worker threads (default: the cores available)')
    .option('--seed <n>', 'first seed (default: the scenario seed)')
    .option('--rules <file>', 'rules file (default: the scenario\'s "rules")')
    .option('--out <dir>', 'output directory', 'out')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action(async (scenario: string, options) => {
      await auditCommand(scenario, options);
    });
  program
    .command('rehearse')
    .description('rehearse an event for planners: density maps and levels of service, time above 4 and 5 P/m², flows, tram queues and waits, the egress curve, travel times and the bottlenecks (summary.json, report.html, CSV, GeoJSON)')
    .argument('<scenario>', 'scenario JSON file (see scenarios/scenario.schema.json)')
    .option('--scale <s>', 'multiply every group\'s count and every source\'s rate (the full crowd of a bundled rehearsal is a larger scale)', '1')
    .option('--runs <n>', 'runs with seeds S, S+1, ... (the report shows the first)', '1')
    .option('--workers <k>', 'worker threads for several runs (default: the cores available)')
    .option('--seed <n>', 'first seed (default: the scenario seed)')
    .option('--out <dir>', 'output directory', 'out')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action(async (scenario: string, options) => {
      await rehearseCommand(scenario, options);
    });
  program
    .command('compare')
    .description('rehearse the scenario and its named variants (close a street, add an exit, change a timetable) over the same seeds, every measure side by side with its spread')
    .argument('<scenario>', 'scenario JSON file with "variants"')
    .option('--variants <a,b>', 'variants to compare with the baseline (default: all of them)')
    .option('--scale <s>', 'multiply every group\'s count and every source\'s rate', '1')
    .option('--runs <n>', 'runs per variant (seeds S, S+1, ...)', '3')
    .option('--workers <k>', 'worker threads (default: the cores available)')
    .option('--seed <n>', 'first seed (default: the scenario seed)')
    .option('--out <dir>', 'output directory', 'out')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action(async (scenario: string, options) => {
      await rehearseCommand(scenario, options, true);
    });
  program
    .command('replay')
    .description('re-run detection rules on a recorded event log and write alerts.jsonl to the output directory')
    .argument('<log>', 'event log: one VigieEvent per line (a run\'s events.jsonl)')
    .requiredOption('--rules <file>', 'rules file (see scenarios/rules.schema.json)')
    .option('--out <dir>', 'output directory', 'out')
    .option('--quiet', 'print nothing but errors')
    .exitOverride()
    .action((log: string, options) => {
      replayCommand(log, options);
    });
  return program;
}

/** Parses the arguments, runs the command and returns the exit code; prints its own errors. */
export async function main(argv: string[]): Promise<number> {
  try {
    if (argv.length <= 2) throw new UsageError('missing command: expected "vigie run SCENARIO.json [options]" or "vigie import FILE.osm --out city.json" (see vigie --help)');
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof InterruptedError) {
      process.stderr.write(`\nvigie: ${error.message}\n`);
      return exitCodeForSignal(error.signal);
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT; // commander printed it
    if (error instanceof ScenarioError || error instanceof CityImportError || error instanceof RulesError || error instanceof EventLogError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`vigie: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const errno = error as NodeJS.ErrnoException;
    if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
      // The file system refused an output (full disk, permissions): not a bug, one line.
      process.stderr.write(`vigie: ${errno.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`vigie: internal error (please report):\n${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

process.exitCode = await main(process.argv);
