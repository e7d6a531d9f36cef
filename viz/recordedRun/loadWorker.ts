/**
 * Reads a recorded run (trajectories.csv) off the page's main thread: the file is streamed
 * through the reader (trajectoryFrames.ts) and each frame kept is posted back, its arrays moved.
 * Messages out: `{ type: 'frame', frame }`, `{ type: 'progress', bytes, total }`,
 * `{ type: 'done', rows, frames }` or `{ type: 'error', message }`.
 */
import { createTrajectoryReader, TrajectoryFileError } from './trajectoryFrames.ts';

self.onmessage = async (event: MessageEvent<{ file: File; minSpacingS: number }>) => {
  const { file, minSpacingS } = event.data;
  let frames = 0;
  try {
    const reader = createTrajectoryReader(file.name, (frame) => {
      frames++;
      postMessage({ type: 'frame', frame }, [frame.x.buffer, frame.y.buffer]);
    }, minSpacingS);
    const stream = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      reader.push(value);
      bytes += value.length;
      postMessage({ type: 'progress', bytes, total: file.size });
    }
    const rows = reader.end();
    postMessage({ type: 'done', rows, frames });
  } catch (error) {
    postMessage({ type: 'error', message: error instanceof TrajectoryFileError ? error.message : `${file.name}: cannot read it (${String(error)})` });
  }
};
