import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** The registry, for every context to register its figures in, and the scrape endpoint. */
@Global()
@Module({
  providers: [Metrics],
  controllers: [MetricsController],
  exports: [Metrics],
})
export class MetricsModule {}
