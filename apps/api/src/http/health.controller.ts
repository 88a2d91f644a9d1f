import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@intersessional/access';
import { Database } from '@intersessional/database';

@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** Readiness: the process serves and the database answers. 503 otherwise. */
  @Public()
  @Get()
  async ready(@Res() res: Response) {
    const database = (await this.db.isReachable()) ? 'up' : 'down';
    const ok = database === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', checks: { database } });
  }

  /** Liveness: the process is running. */
  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
