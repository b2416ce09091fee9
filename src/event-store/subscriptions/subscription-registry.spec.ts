import { SubscriptionEntry, SubscriptionRegistry, SubscriptionRegistryMismatch } from './subscription-registry';

const projection: SubscriptionEntry = { name: 'projection', feeds: [{ kind: 'read table', target: 'rows' }], onFailure: 'stop', rebuildable: true };
const notifier: SubscriptionEntry = { name: 'notifier', feeds: [{ kind: 'outbox', target: 'outbox' }], onFailure: 'park', rebuildable: false };

describe('SubscriptionRegistry', () => {
  describe('given the handlers found at start-up', () => {
    const registry = new SubscriptionRegistry([projection, notifier]);

    it('accepts exactly the registered subscriptions, in any order', () => {
      expect(() => registry.assertMatches(['notifier', 'projection'])).not.toThrow();
    });

    it('refuses a handler the registry does not list', () => {
      expect(() => registry.assertMatches(['projection', 'notifier', 'stray'])).toThrow(SubscriptionRegistryMismatch);
      expect(() => registry.assertMatches(['projection', 'notifier', 'stray'])).toThrow('handlers not in the subscription registry: stray');
    });

    it('refuses a registered subscription without a handler', () => {
      expect(() => registry.assertMatches(['projection'])).toThrow('registered subscriptions without a handler: notifier');
    });

    it('refuses two handlers of one subscription', () => {
      expect(() => registry.assertMatches(['projection', 'notifier', 'projection'])).toThrow('Two durable handlers use the subscription name projection');
    });
  });

  describe('when it is declared', () => {
    it('refuses a name registered twice', () => {
      expect(() => new SubscriptionRegistry([projection, { ...notifier, name: 'projection' }])).toThrow('The subscription projection is registered twice');
    });

    it('refuses a subscription that feeds nothing', () => {
      expect(() => new SubscriptionRegistry([{ ...notifier, feeds: [] }])).toThrow('notifier feeds nothing');
    });

    it('refuses a rebuildable subscription that parks failed events (a rebuild would skip them)', () => {
      expect(() => new SubscriptionRegistry([{ ...projection, onFailure: 'park' }])).toThrow('projection is rebuildable but parks failed events');
    });

    it('refuses a rebuildable subscription that sends or pushes (a rebuild would do it again)', () => {
      const sends: SubscriptionEntry = { ...projection, feeds: [...projection.feeds, { kind: 'outbox', target: 'outbox' }] };
      expect(() => new SubscriptionRegistry([sends])).toThrow('projection is rebuildable but feeds more than read tables');
    });
  });

  describe('when it is read', () => {
    const registry = new SubscriptionRegistry([projection, notifier]);

    it('names its subscriptions and its rebuildable ones', () => {
      expect(registry.names()).toEqual(['projection', 'notifier']);
      expect(registry.rebuildable()).toEqual([projection]);
    });

    it('gives the entry of a registered name and refuses an unknown one', () => {
      expect(registry.entry('notifier')).toBe(notifier);
      expect(() => registry.entry('stray')).toThrow('The subscription stray is not in the registry');
    });

    it('extends into a new registry, leaving itself as it was', () => {
      const test: SubscriptionEntry = { name: 'test', feeds: [{ kind: 'push', target: 'the test' }], onFailure: 'park', rebuildable: false };
      expect(registry.with(test).names()).toEqual(['projection', 'notifier', 'test']);
      expect(registry.names()).toEqual(['projection', 'notifier']);
    });
  });
});
