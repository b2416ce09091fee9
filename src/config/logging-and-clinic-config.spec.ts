import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('configuration of the log format and the clinic time zone', () => {
  it('given neither is set, when the configuration is loaded, then the log format is chosen by the terminal and the zone by the doctors', () => {
    expect(loadConfig({})).toMatchObject({ logFormat: undefined, clinicTimezone: undefined });
  });

  it('given LOG_FORMAT=json or pretty and an IANA zone, when the configuration is loaded, then they are used', () => {
    expect(loadConfig({ LOG_FORMAT: 'json', CLINIC_TIMEZONE: 'America/New_York' })).toMatchObject({ logFormat: 'json', clinicTimezone: 'America/New_York' });
    expect(loadConfig({ LOG_FORMAT: 'pretty' })).toMatchObject({ logFormat: 'pretty' });
  });

  it('given an unknown log format or time zone, when the configuration is loaded, then start-up stops naming each', () => {
    expect(problemsOf({ LOG_FORMAT: 'colourful', CLINIC_TIMEZONE: 'Europe/Atlantis' })).toEqual([
      'LOG_FORMAT must be one of json, pretty, got "colourful"',
      'CLINIC_TIMEZONE must be an IANA time zone such as Europe/Berlin, got "Europe/Atlantis"',
    ]);
  });
});
