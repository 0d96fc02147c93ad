/**
 * The Settings page's retention form: the server keeps ages in seconds, the admin types days (decimals allowed, so
 * a configured "36h" shows as 1.5 days and survives a save unchanged) and the versions' share of free space in percent.
 */

export interface Retention {
  trashMinAgeSeconds: number;
  trashMaxAgeSeconds: number;
  /** 0 for no limit. */
  versionsMaxAgeSeconds: number;
  /** 0 to 1. */
  versionsSpaceShare: number;
}

/** Form fields as typed; an empty versions' maximum age means no limit. */
export interface RetentionForm {
  trashMinDays: string;
  trashMaxDays: string;
  versionsMaxDays: string;
  versionsSharePercent: string;
}

const DAY = 86_400;

function days(seconds: number): string {
  // six decimals: back in seconds, the rounding error stays far below one second
  return String(Math.round((seconds / DAY) * 1e6) / 1e6);
}

export function toForm(retention: Retention): RetentionForm {
  return {
    trashMinDays: days(retention.trashMinAgeSeconds),
    trashMaxDays: days(retention.trashMaxAgeSeconds),
    versionsMaxDays: retention.versionsMaxAgeSeconds === 0 ? '' : days(retention.versionsMaxAgeSeconds),
    versionsSharePercent: String(Math.round(retention.versionsSpaceShare * 1000) / 10),
  };
}

function number(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** The retention to send, or why the form cannot be sent (the server checks again). */
export function fromForm(form: RetentionForm): Retention | { error: string } {
  const min = number(form.trashMinDays);
  const max = number(form.trashMaxDays);
  const versionsMax = form.versionsMaxDays.trim() === '' ? 0 : number(form.versionsMaxDays);
  const share = number(form.versionsSharePercent);
  if (min === null || max === null || versionsMax === null) return { error: 'Ages are numbers of days, 0 or more.' };
  if (min > max) return { error: 'The trash’s minimum age may not exceed its maximum age.' };
  if (share === null || share > 100) return { error: 'The versions’ share of free space is a percentage from 0 to 100.' };
  return {
    trashMinAgeSeconds: Math.round(min * DAY),
    trashMaxAgeSeconds: Math.round(max * DAY),
    versionsMaxAgeSeconds: Math.round(versionsMax * DAY),
    versionsSpaceShare: share / 100,
  };
}
