import { readdirSync } from 'node:fs';
import { SUBSCRIPTION_REGISTRY } from '../../../src/subscription-registry';

describe('Projection specifications', () => {
  it('given the subscription registry, then every subscription that writes rows (a read table or an outbox) has its specification here, named after it', () => {
    const writingRows = SUBSCRIPTION_REGISTRY.entries.filter((entry) => entry.feeds.some((feed) => feed.kind === 'read table' || feed.kind === 'outbox')).map((entry) => entry.name);
    const specifications = readdirSync(__dirname).filter((file) => file.endsWith('.int-spec.ts'));
    expect(writingRows.length).toBeGreaterThan(0);
    expect(writingRows.filter((name) => !specifications.includes(`${name}.int-spec.ts`))).toEqual([]);
  });
});
