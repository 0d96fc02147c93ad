import { describe, expect, it } from 'vitest';
import { fromForm, toForm } from './retention';

const configured = {
  trashMinAgeSeconds: 30 * 86_400,
  trashMaxAgeSeconds: 36 * 3_600,
  versionsMaxAgeSeconds: 0,
  versionsSpaceShare: 0.5,
};

describe('retention form', () => {
  it('shows days and percent, an unlimited age as empty', () => {
    expect(toForm(configured)).toEqual({
      trashMinDays: '30',
      trashMaxDays: '1.5',
      versionsMaxDays: '',
      versionsSharePercent: '50',
    });
  });

  it('round-trips what the server sent', () => {
    const valid = { ...configured, trashMinAgeSeconds: 3_600 };
    expect(fromForm(toForm(valid))).toEqual(valid);
  });

  it('turns days into seconds and accepts a decimal comma', () => {
    expect(fromForm({ trashMinDays: '1', trashMaxDays: '10', versionsMaxDays: '0,5', versionsSharePercent: '25' })).toEqual({
      trashMinAgeSeconds: 86_400,
      trashMaxAgeSeconds: 864_000,
      versionsMaxAgeSeconds: 43_200,
      versionsSpaceShare: 0.25,
    });
  });

  it('refuses what the server would refuse', () => {
    const ok = { trashMinDays: '1', trashMaxDays: '10', versionsMaxDays: '', versionsSharePercent: '50' };
    expect(fromForm({ ...ok, trashMinDays: '20' })).toHaveProperty('error');
    expect(fromForm({ ...ok, trashMinDays: '-1' })).toHaveProperty('error');
    expect(fromForm({ ...ok, versionsMaxDays: 'soon' })).toHaveProperty('error');
    expect(fromForm({ ...ok, versionsSharePercent: '150' })).toHaveProperty('error');
    expect(fromForm({ ...ok, trashMinDays: '0', trashMaxDays: '0' })).not.toHaveProperty('error');
  });
});
