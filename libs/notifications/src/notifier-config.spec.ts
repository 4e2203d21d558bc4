import { DEFAULT_REGIME_DATES } from '@vigie/domain';
import { loadNotifierConfig } from './notifier-config';

const SECRET = 'a-secret-of-sixteen+';

describe('notifier configuration', () => {
  it('no webhook configured: no notifier', () => {
    expect(loadNotifierConfig({ VIGIE_WEBHOOK_SECRET: SECRET })).toBeNull();
  });

  it('one URL per ARS region, one for the HFDS, the defaults for the rest', () => {
    const config = loadNotifierConfig({
      VIGIE_WEBHOOK_SECRET: SECRET,
      VIGIE_WEBHOOK_ARS_11: 'https://ars-idf.example/hook',
      VIGIE_WEBHOOK_ARS_84: 'https://ars-ara.example/hook',
      VIGIE_WEBHOOK_HFDS: 'https://hfds.example/hook',
    })!;
    expect(config.ars).toEqual({
      '11': 'https://ars-idf.example/hook',
      '84': 'https://ars-ara.example/hook',
    });
    expect(config.hfds).toBe('https://hfds.example/hook');
    expect(config).toMatchObject({
      reminderLeadMs: 6 * 3_600_000,
      maxAttempts: 5,
      startFrom: 'beginning',
      clockPolicy: { cspTargetHours: 24, appliesFrom: DEFAULT_REGIME_DATES },
    });
    expect(config.facilityUrl('750712184')).toBeNull();
  });

  it('a facility’s own URL wins over the template', () => {
    const config = loadNotifierConfig({
      VIGIE_WEBHOOK_SECRET: SECRET,
      VIGIE_WEBHOOK_FACILITY_750712184: 'https://chu-x.example/vigie',
      VIGIE_WEBHOOK_FACILITIES: 'https://relay.example/facilities/{finess}/hook',
      VIGIE_REMINDER_LEAD_HOURS: '12',
    })!;
    expect(config.facilityUrl('750712184')).toBe('https://chu-x.example/vigie');
    expect(config.facilityUrl('010000016')).toBe('https://relay.example/facilities/010000016/hook');
    expect(config.reminderLeadMs).toBe(12 * 3_600_000);
  });

  it.each([
    [{ VIGIE_WEBHOOK_HFDS: 'https://hfds.example' }, /VIGIE_WEBHOOK_SECRET/],
    [{ VIGIE_WEBHOOK_SECRET: 'short', VIGIE_WEBHOOK_HFDS: 'https://hfds.example' }, /VIGIE_WEBHOOK_SECRET/],
    [
      { VIGIE_WEBHOOK_SECRET: SECRET, VIGIE_WEBHOOK_HFDS: 'ftp://hfds.example' },
      /VIGIE_WEBHOOK_HFDS must be an http/,
    ],
    [{ VIGIE_WEBHOOK_SECRET: SECRET, VIGIE_WEBHOOK_ARS_99: 'https://x.example' }, /VIGIE_WEBHOOK_ARS_99/],
    [
      { VIGIE_WEBHOOK_SECRET: SECRET, VIGIE_WEBHOOK_FACILITY_123: 'https://x.example' },
      /VIGIE_WEBHOOK_FACILITY_123/,
    ],
    [{ VIGIE_WEBHOOK_SECRET: SECRET, VIGIE_WEBHOOK_FACILITIES: 'https://x.example/hook' }, /\{finess\}/],
    [
      {
        VIGIE_WEBHOOK_SECRET: SECRET,
        VIGIE_WEBHOOK_HFDS: 'https://h.example',
        VIGIE_REMINDER_LEAD_HOURS: 'soon',
      },
      /VIGIE_REMINDER_LEAD_HOURS/,
    ],
  ])('refuses %j, naming the variable and never the secret', (env, message) => {
    let error: unknown;
    try {
      loadNotifierConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain(SECRET);
  });
});
