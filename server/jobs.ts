/** The scheduled jobs the server runs. */
import type { ScheduledJob } from './platform/jobs';
import { sweepDeadlines } from './modules/problems/sweep-deadlines';

export const JOBS: ScheduledJob[] = [{ name: 'problems-sweep-deadlines', cron: '* * * * *', run: sweepDeadlines }];
