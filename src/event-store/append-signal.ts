import { Injectable } from '@nestjs/common';
import { Signal } from '../shared/signal';

/**
 * Raised after a transaction that appended events has committed, so that this instance's
 * subscriptions read them at once instead of at the next poll. Other instances learn of the
 * commit through PostgreSQL's NOTIFY.
 */
@Injectable()
export class AppendSignal extends Signal {}
