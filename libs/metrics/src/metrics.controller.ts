import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { OwnCredentials } from '@intersessional/access';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Metrics } from './metrics';

/** GET /metrics for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`; 404 when no token is configured. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OwnCredentials() // the scrape token below is the check, not a user's access token
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    if (!token) throw new NotFoundException();
    const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedException('a valid metrics token is required');
    res.setHeader('content-type', this.metrics.contentType);
    res.send(await this.metrics.text());
  }
}
