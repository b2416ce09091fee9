import { Injectable } from '@nestjs/common';
import { Signal } from '../shared/signal';

/** Raised after new integration events committed, to wake this instance's publishers. */
@Injectable()
export class IntegrationFeedSignal extends Signal {}
