import { redactLogLine, redactUrl } from './log-redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXNrIiwicm9sZSI6InN0YWZmIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

describe('log redaction', () => {
  it.each([
    ['/appointments/1?access_token=s3cret', '/appointments/1?access_token=[redacted]'],
    ['/doctors/1/calendar.ics?token=feed-secret&from=2027-01-01', '/doctors/1/calendar.ics?token=[redacted]&from=2027-01-01'],
    ['/x?limit=5&Authorization=Bearer%20abc', '/x?limit=5&Authorization=[redacted]'],
    ['/x?id_token=a&refresh_token=b&api_key=c&apikey=d&client_secret=e&password=f&key=g', '/x?id_token=[redacted]&refresh_token=[redacted]&api_key=[redacted]&apikey=[redacted]&client_secret=[redacted]&password=[redacted]&key=[redacted]'],
    ['/x?access%5Ftoken=hidden-by-encoding', '/x?access%5Ftoken=[redacted]'],
    ['/x?ACCESS_TOKEN=upper', '/x?ACCESS_TOKEN=[redacted]'],
    ['/x?token=a#fragment', '/x?token=[redacted]#fragment'],
    ['/dashboard?code=one-time-code&state=opaque-state&session_state=s', '/dashboard?code=[redacted]&state=[redacted]&session_state=[redacted]'],
    ['/x?code_verifier=v&zipcode=10115&statement=1', '/x?code_verifier=[redacted]&zipcode=10115&statement=1'],
  ])('given %s, when it is redacted, then only the credential values are replaced', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('given a URL without credentials, when it is redacted, then it is unchanged', () => {
    const url = '/appointments?doctorId=4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01&from=2027-03-22T00:00:00Z&limit=20&cursor=abc';
    expect(redactUrl(url)).toBe(url);
  });

  it('given a JSON log line with a token in a URL, an error message and a stack, when it is redacted, then it is still JSON and holds no token', () => {
    const line = JSON.stringify({
      url: '/appointments?access_token=abc123&limit=1',
      msg: `GET http://127.0.0.1:3000/doctors/1/calendar.ics?token=feed-42 failed`,
      err: { message: `invalid signature for ${JWT}`, stack: `Error: Authorization: Bearer ${JWT}\n    at verify (token.ts:1:1)` },
    });
    const redacted = redactLogLine(line);
    const parsed = JSON.parse(redacted);
    expect(parsed.url).toBe('/appointments?access_token=[redacted]&limit=1');
    expect(parsed.msg).toBe('GET http://127.0.0.1:3000/doctors/1/calendar.ics?token=[redacted] failed');
    expect(redacted).not.toContain('abc123');
    expect(redacted).not.toContain('feed-42');
    expect(redacted).not.toContain(JWT);
    expect(parsed.err.stack).toContain('Bearer [redacted]');
  });

  it('given a token whose value is followed by an escaped quote, when it is redacted, then the JSON string is not broken', () => {
    const line = JSON.stringify({ msg: 'link "/x?token=abc" sent' });
    expect(JSON.parse(redactLogLine(line)).msg).toBe('link "/x?token=[redacted]" sent');
  });

  it('given an email address anywhere in a line, when it is redacted, then it is masked', () => {
    const line = JSON.stringify({ msg: 'sent', err: { message: 'mailbox mia.schneider@example.com unavailable' } });
    expect(JSON.parse(redactLogLine(line)).err.message).toBe('mailbox [email] unavailable');
  });
});
