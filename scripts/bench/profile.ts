/** A CPU profile of this process's main thread between `startProfile()` and `stop()` (node:inspector, no restart). */
import { Session } from 'node:inspector/promises';

export async function startProfile(): Promise<{ stop: () => Promise<object> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}
