/**
 * Finding Eclipse SUMO, installing it when it is missing: `apt-get install -y sumo sumo-tools`
 * (Debian 12 has SUMO 1.15), with an `apt-get update` first if the plain install fails.
 * SUMO_HOME is set to /usr/share/sumo (Debian's place) unless it already points at a SUMO with
 * its tools. Returns null, with the reason, when SUMO cannot be had: the benchmark then says so
 * and stops without failing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's SUMO_HOME. */
export const DEBIAN_SUMO_HOME = '/usr/share/sumo';

/** A usable SUMO: its version line and SUMO_HOME; `randomTripsPy` is null without sumo-tools or python3. */
export interface SumoInstall {
  version: string;
  sumoHome: string;
  randomTripsPy: string | null;
}

function sumoVersion(): string | null {
  const result = spawnSync('sumo', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  return (result.stdout.split('\n').find((line) => line.includes('Version')) ?? 'sumo').replace(/^Eclipse SUMO sumo /, '').trim();
}

function aptGet(args: string[], log: (line: string) => void): boolean {
  log(`  $ apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    log(`    could not run apt-get: ${result.error.message}`);
    return false;
  }
  if (result.status !== 0) log(`    apt-get exited with ${result.status}: ${result.stderr.trim().split('\n').slice(-2).join(' / ')}`);
  return result.status === 0;
}

/** SUMO on PATH (installed if needed), or the reason it is not. */
export function ensureSumo(log: (line: string) => void): SumoInstall | { missing: string } {
  let version = sumoVersion();
  if (version === null) {
    log('sumo is not on PATH: installing Debian\'s sumo and sumo-tools');
    const installArgs = ['install', '-y', 'sumo', 'sumo-tools'];
    if (!aptGet(installArgs, log)) {
      if (aptGet(['update'], log)) aptGet(installArgs, log);
    }
    version = sumoVersion();
    if (version === null) return { missing: 'SUMO could not be installed (apt-get install -y sumo sumo-tools failed, or no network/root); nothing to compare against.' };
  }
  const current = process.env.SUMO_HOME;
  const sumoHome = current && existsSync(`${current}/tools/randomTrips.py`) ? current : DEBIAN_SUMO_HOME;
  process.env.SUMO_HOME = sumoHome;
  const script = `${sumoHome}/tools/randomTrips.py`;
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return { version, sumoHome, randomTripsPy: existsSync(script) && !python.error && python.status === 0 ? script : null };
}
