import { DateTime } from 'luxon';

/** How every email shows times and escapes text: the same wording in each kind of message. */

/** An instant as a local date and time in a zone: "Monday 22 March 2027, 09:00". */
export function when(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: timezone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');
}

/** An instant as a local time of day in a zone: "09:20". */
export function until(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: timezone }).toFormat('HH:mm');
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text and HTML bodies of a message: a greeting, a headline, its details as label and value, the clinic's name. */
export function messageBodies(recipientName: string, headline: string, details: ReadonlyArray<readonly [string, string]>, clinicName: string): { text: string; html: string } {
  const text = [`Hello ${recipientName},`, '', headline, '', ...details.map(([k, v]) => `${k}: ${v}`), '', clinicName, ''].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(recipientName)},</p>`,
    `<p>${escapeHtml(headline)}</p>`,
    '<table>',
    ...details.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p>${escapeHtml(clinicName)}</p>`,
  ].join('\n');
  return { text, html };
}
