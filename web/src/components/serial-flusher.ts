/**
 * The sending loop shared by the phone outboxes (reports, checklist drafts): one pass at a time in this tab, one
 * sender across tabs where the browser offers Web Locks, and a call during a pass schedules exactly one more pass
 * (so a draft saved while sending is not left behind). Errors end the pass quietly; the next trigger retries.
 */
export function serialFlusher(lockName: string, sendAll: (userId: string) => Promise<void>): (userId: string) => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return (userId) => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
        if (locks) await locks.request(lockName, () => sendAll(userId));
        else await sendAll(userId);
      } while (again);
    })()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
}
