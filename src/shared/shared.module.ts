import { Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { Clock, SystemClock } from './clock';

/** What every feature uses: the clock, and (through AuthModule, global too) the access-token verification. */
@Global()
@Module({ imports: [AuthModule], providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class SharedModule {}
