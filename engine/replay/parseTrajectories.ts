/**
 * Reading recorded trajectories into tracks: per person, [timeS, x, y] points in time order,
 * time from the recording's first instant and positions in metres. Pure text parsing (the
 * adapter reads the file): the formats of ../shared/data (see its READMEs) and Vigie's own
 * trajectories.csv.
 *   eth-ucy  `frame  ped_id  x  y` (tabs or spaces; ids and frames written as floats), metres;
 *   juelich  `id  frame  x  y  z` (PeTrack/PedPy; lines starting with # are comments), units and
 *            frame rate per series (unitM, frameS);
 *   vigie    `id,timeS,x,y` with that header.
 * A malformed line is a TrajectoryFormatError naming the line.
 */

export type TrajectoryFormat = 'eth-ucy' | 'juelich' | 'vigie';

/** One recorded person. */
export interface Track {
  id: string;
  points: [number, number, number][];
}

/** A line of a recording that could not be read. */
export class TrajectoryFormatError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'TrajectoryFormatError';
  }
}

/** The tracks of a recording; `frameS` seconds per frame number, `unitM` metres per unit. */
export function parseTrajectories(text: string, format: TrajectoryFormat, frameS = 1, unitM = 1): Track[] {
  const byId = new Map<string, [number, number, number][]>();
  const lines = text.split(/\r?\n/);
  let firstT = Infinity;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (format === 'vigie' && index === 0 && line.startsWith('id,')) return;
    const fields = format === 'vigie' ? line.split(',') : line.split(/\s+/);
    if (fields.length < 4) throw new TrajectoryFormatError(index + 1, `expected ${format === 'eth-ucy' ? 'frame id x y' : format === 'juelich' ? 'id frame x y z' : 'id,timeS,x,y'}, found ${JSON.stringify(line.slice(0, 60))}`);
    const numbers = fields.map(Number);
    let id: string, t: number, x: number, y: number;
    if (format === 'eth-ucy') {
      [t, , x, y] = numbers;
      id = String(numbers[1]);
      t *= frameS;
    } else if (format === 'juelich') {
      id = String(numbers[0]);
      [, t, x, y] = numbers;
      t *= frameS;
    } else {
      id = fields[0];
      [, t, x, y] = numbers;
    }
    if (![t, x, y].every(Number.isFinite) || (format !== 'vigie' && !Number.isFinite(Number(id)))) throw new TrajectoryFormatError(index + 1, `expected numbers, found ${JSON.stringify(line.slice(0, 60))}`);
    firstT = Math.min(firstT, t);
    let points = byId.get(id);
    if (!points) byId.set(id, (points = []));
    points.push([t, x * unitM, y * unitM]);
  });
  const tracks: Track[] = [];
  for (const [id, points] of byId) {
    points.sort((a, b) => a[0] - b[0]);
    // Time from the recording's first instant; a repeated instant keeps its first point.
    const kept: [number, number, number][] = [];
    for (const [t, x, y] of points) if (kept.length === 0 || t - firstT > kept[kept.length - 1][0]) kept.push([t - firstT, x, y]);
    tracks.push({ id, points: kept });
  }
  return tracks;
}
