/**
 * How long a page's Web Worker was busy over a window, measured from outside the page: V8's
 * sampling profiler in the worker, reached through a browser-level Chrome DevTools Protocol
 * session (playwright-core opens CDP sessions on pages and frames only, so the worker is
 * attached with Target.attachToTarget and spoken to with Target.sendMessageToTarget). Busy time
 * is every sample that is not "(idle)": JavaScript, garbage collection and V8's own work
 * (message (de)serialisation included), so it is the wall time the worker could not give to
 * another step. For the browser benchmark (bench/vizBench.ts); no page code is changed.
 */
import type { Browser, CDPSession } from 'playwright-core';

/** What the profile of one window says: busy and total wall time (ms) and the samples' names by self time. */
export interface WorkerBusy {
  busyMs: number;
  windowMs: number;
  /** Self time per function name (minified in a production build), ms, largest first. */
  topMs: [string, number][];
}

/** A profile in progress; `stop` ends it and detaches. */
export interface WorkerProfile {
  stop(): Promise<WorkerBusy>;
}

/** The part of a V8 CPU profile read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Sampling interval of the profiler, microseconds (V8's default is 1000 as well). */
const SAMPLING_US = 1000;

/**
 * Starts profiling the first worker whose script URL contains `urlPart` (the only one the
 * benchmark's page has); null when there is none.
 */
export async function startWorkerProfile(browser: Browser, urlPart: string): Promise<WorkerProfile | null> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((info) => info.type === 'worker' && info.url.includes(urlPart));
  if (target === undefined) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  const send = messenger(cdp, sessionId);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return busyOf(profile);
    },
  };
}

/** Requests to an attached (non-flat) target session, answered through receivedMessageFromTarget. */
function messenger(cdp: CDPSession, sessionId: string): (method: string, params?: object) => Promise<unknown> {
  let lastId = 0;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (pending === undefined) return;
    waiting.delete(message.id!);
    if (message.error) pending.reject(new Error(`worker CDP: ${message.error.message}`));
    else pending.resolve(message.result);
  });
  return (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++lastId;
    waiting.set(id, { resolve, reject });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
}

function busyOf(profile: CpuProfile): WorkerBusy {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName || '(anonymous)']));
  const selfUs = new Map<string, number>();
  let idleUs = 0;
  for (let k = 0; k < profile.samples.length; k++) {
    const name = names.get(profile.samples[k]) ?? '(unknown)';
    const us = profile.timeDeltas[k] ?? 0;
    if (name === '(idle)') idleUs += us;
    else selfUs.set(name, (selfUs.get(name) ?? 0) + us);
  }
  const windowUs = profile.endTime - profile.startTime;
  const topMs = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, us]) => [name, us / 1000] as [string, number]);
  return { busyMs: Math.max(0, windowUs - idleUs) / 1000, windowMs: windowUs / 1000, topMs };
}
