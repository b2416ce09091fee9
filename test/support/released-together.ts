import { HttpResponse } from './http-client';

/** Starts every request at the same moment, behind one barrier, and waits for all of them. */
export async function releasedTogether(requests: Array<() => Promise<HttpResponse>>): Promise<HttpResponse[]> {
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  const running = requests.map(async (send) => {
    await barrier;
    return send();
  });
  release();
  return Promise.all(running);
}
