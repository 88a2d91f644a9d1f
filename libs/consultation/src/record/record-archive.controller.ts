import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { Clock } from '@intersessional/database';
import { attachmentDisposition, badInput } from '@intersessional/graphql';
import { ConsultationPolicy } from '../consultation.policy';
import { PeriodStatus } from '../period/comment-period.entity';
import { CommentPeriodService } from '../period/comment-period.service';
import { RecordArchive } from './record-archive';

@Controller('comment-periods')
export class RecordArchiveController {
  constructor(
    private readonly periods: CommentPeriodService,
    private readonly policy: ConsultationPolicy,
    private readonly archive: RecordArchive,
    private readonly clock: Clock,
  ) {}

  /**
   * GET /comment-periods/:id/record — the period's whole record as JSON (intersessional/record-archive/v1),
   * for the offline verifier. Policy: public once the synthesis is published, with the openings of what
   * is public; the period's facilitators at any time, with every opening (audience "facilitators").
   */
  @Public()
  @Get(':id/record')
  async record(@Param('id') id: string, @OptionalActor() actor: Actor | null, @Res() res: Response) {
    const period = await this.periods.readable(actor, id);
    const audience = (await this.policy.canFacilitate(actor, period.workstreamId)) ? 'facilitators' : 'public';
    if (audience === 'public' && this.periods.status(period) !== PeriodStatus.SYNTHESIS_PUBLISHED) {
      throw badInput('id', 'the record is published with the synthesis; until then its signed heads and proofs are in the GraphQL API');
    }
    res
      .status(200)
      .type('application/json; charset=utf-8')
      .setHeader('Content-Disposition', attachmentDisposition(`${period.title} - record`, 'json', 'record'));
    await pipeline(Readable.from(this.archive.json(period, audience, this.clock.now())), res);
  }
}
