import { TestApp } from './test-app';

/** A public integration event as the feed serves it. */
export type FeedEvent = Record<string, unknown> & { type: string; id: string; payload: Record<string, unknown> };

/** The events of the feed in feed order (one page, up to 1000), read with `token` (a service's). */
export async function feedEvents(t: TestApp, token: string): Promise<FeedEvent[]> {
  const response = await t.http.get('/integration-events?limit=1000', token);
  expect(response.status).toBe(200);
  return (response.body.items as Array<{ event: FeedEvent }>).map((item) => item.event);
}
