import { describe, expect, it } from 'vitest';
import { isActive, needsPolling, progressFraction, progressText, type JobProgress } from './jobs';

const job = (over: Partial<JobProgress>): JobProgress => ({ kind: 'RESCAN', state: 'RUNNING', done: 0, total: null, ...over });

describe('job progress', () => {
  it('is a fraction of the total, capped at 1', () => {
    expect(progressFraction(job({ done: 30, total: 120 }))).toBe(0.25);
    expect(progressFraction(job({ done: 130, total: 120 }))).toBe(1);
  });

  it('is unknown while the total is unknown or still zero in a running job', () => {
    expect(progressFraction(job({ done: 5, total: null }))).toBeNull();
    expect(progressFraction(job({ done: 0, total: 0 }))).toBeNull();
  });

  it('is full once done, whatever was counted', () => {
    expect(progressFraction(job({ state: 'DONE', done: 0, total: 0 }))).toBe(1);
  });

  it('names what the job counts', () => {
    expect(progressText(job({ done: 2, total: 9 }))).toBe('2 of 9 files and folders');
    expect(progressText(job({ kind: 'TRASH_EXPIRY', done: 1, total: 3 }))).toBe('1 of 3 users');
    expect(progressText(job({ done: 4 }))).toBe('4 files and folders');
    expect(progressText(job({ state: 'QUEUED' }))).toBe('waiting to start');
  });
});

describe('polling', () => {
  it('goes on while a job is queued or running', () => {
    expect(isActive(job({ state: 'QUEUED' }))).toBe(true);
    expect(needsPolling([job({ state: 'DONE' }), job({ state: 'RUNNING' })])).toBe(true);
    expect(needsPolling([job({ state: 'DONE' }), job({ state: 'FAILED' })])).toBe(false);
    expect(needsPolling([])).toBe(false);
  });
});
