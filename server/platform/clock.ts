/** An injectable clock, so deadline, lockout and idle-session rules are testable without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** The system clock, or under NODE_ENV=test a fixed one when CLOCK_NOW is set. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  if (env.NODE_ENV === 'test' && env.CLOCK_NOW) return new FixedClock(new Date(env.CLOCK_NOW));
  return systemClock;
}
