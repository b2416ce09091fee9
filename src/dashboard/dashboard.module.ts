import { Module } from '@nestjs/common';
import { DashboardAssets } from './dashboard-assets';
import { DashboardController } from './dashboard.controller';
import { DashboardSignIn } from './dashboard-sign-in';

/** The front-desk page: its document, modules and stylesheet, and how it signs in. */
@Module({ controllers: [DashboardController], providers: [DashboardSignIn, DashboardAssets] })
export class DashboardModule {}
