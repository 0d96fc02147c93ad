/** How the Jobs page shows background jobs: names, progress, and whether to keep polling. */

export type JobKind = 'RESCAN' | 'VERSION_EXPIRY' | 'TRASH_EXPIRY';
export type JobState = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** The fields of a job this module reads (the API's AdminJob has them). */
export interface JobProgress {
  kind: JobKind;
  state: JobState;
  done: number;
  total?: number | null;
}

export const JOB_NAMES: Record<JobKind, string> = {
  RESCAN: 'Rescan files on disk',
  VERSION_EXPIRY: 'Expire old versions',
  TRASH_EXPIRY: 'Expire trash',
};

/** What the job counts: files and folders for a rescan, users for the expiries. */
const UNITS: Record<JobKind, string> = { RESCAN: 'files and folders', VERSION_EXPIRY: 'users', TRASH_EXPIRY: 'users' };

export function isActive(job: JobProgress): boolean {
  return job.state === 'QUEUED' || job.state === 'RUNNING';
}

/** Poll while any job is queued or running. */
export function needsPolling(jobs: readonly JobProgress[]): boolean {
  return jobs.some(isActive);
}

/** The progress bar's value from 0 to 1, or null while the total is unknown (an indeterminate bar). */
export function progressFraction(job: JobProgress): number | null {
  if (job.state === 'DONE') return 1;
  if (job.total === null || job.total === undefined) return null;
  if (job.total === 0) return job.state === 'RUNNING' ? null : 0;
  return Math.min(1, job.done / job.total);
}

/** "120 of 300 files and folders", or "120 files and folders" while the total is unknown. */
export function progressText(job: JobProgress): string {
  const unit = UNITS[job.kind];
  if (job.state === 'QUEUED') return 'waiting to start';
  if (job.total === null || job.total === undefined) return `${job.done} ${unit}`;
  return `${job.done} of ${job.total} ${unit}`;
}
