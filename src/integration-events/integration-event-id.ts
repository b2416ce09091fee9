import { createHash } from 'node:crypto';

/** Namespace of the integration event ids (a UUID v5 of the source event id and the public type). */
const ID_NAMESPACE = Buffer.from('5f0c7a3e9d2b4c61a8e4b7d90c3f1a22', 'hex');

/**
 * The id of the public event `type` made from the stored event `sourceEventId`: a name-based
 * UUID, so every delivery of one source event publishes one id, which consumers (and JetStream)
 * use to drop a redelivery.
 */
export function integrationEventId(sourceEventId: string, type: string): string {
  const hash = createHash('sha1').update(ID_NAMESPACE).update(`${sourceEventId}/${type}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
