import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { type Actor, CurrentActor, PlatformRole, PlatformRoles, Public, SignedIn } from '@intersessional/access';
import { Connection, ConnectionArgs, type RequestContext, byKeys, groupByKeys, paginateInMemory } from '@intersessional/graphql';
import { WorkstreamKind } from '../workstream/workstream-kind';
import { toWorkstreamModel } from '../workstream/workstream.mapper';
import { WorkstreamModel } from '../workstream/workstream.model';
import { WorkstreamRepository } from '../workstream/workstream.repository';
import { defaultReportingYear } from './compliance';
import { toComplianceModel, toFilingModel } from './compliance.mapper';
import { ComplianceCheckResultModel, DcComplianceModel, DcFilingModel, FileDcRecordInput, ReportingYearArgs } from './compliance.model';
import { type ComplianceReport, ComplianceService } from './compliance.service';
import type { DcFilingEntity } from './dc-filing.entity';

const DcComplianceConnection = Connection(DcComplianceModel, 'DcCompliance');

@Resolver(() => WorkstreamModel)
export class ComplianceResolver {
  constructor(
    private readonly complianceService: ComplianceService,
    private readonly workstreams: WorkstreamRepository,
  ) {}

  @Public()
  @Query(() => DcComplianceConnection, { description: 'Every proposed, active and inactive DC against the minimum requirements.' })
  async dcComplianceReport(@Args() args: ConnectionArgs, @Args() { reportingYear }: ReportingYearArgs) {
    const reports = await this.complianceService.allDynamicCoalitions(reportingYear ?? defaultReportingYear());
    return paginateInMemory(reports.map(toComplianceModel), args, ['text', 'uuid'], (r) => [r.workstream.name.toLowerCase(), r.workstream.id]);
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => ComplianceCheckResultModel, { description: 'Moves every non-compliant active DC to inactive, with the reasons.' })
  async runDcComplianceCheck(@Args() { reportingYear }: ReportingYearArgs, @CurrentActor() actor: Actor) {
    const year = reportingYear ?? defaultReportingYear();
    const { checked, deactivated } = await this.complianceService.runCheck(actor, year);
    return { reportingYear: year, checked: checked.map(toComplianceModel), deactivated: deactivated.map(toWorkstreamModel) };
  }

  /** Policy: facilitators (coordinators) of the DC or the Secretariat, checked in the service. */
  @SignedIn()
  @Mutation(() => DcFilingModel, { description: 'Files a DC annual report, session request or session report.' })
  async fileDcRecord(@Args('input') input: FileDcRecordInput, @CurrentActor() actor: Actor) {
    return toFilingModel(await this.complianceService.file(actor, { ...input, url: input.url ?? null }));
  }

  @Public()
  @ResolveField(() => DcComplianceModel, { nullable: true, description: 'DCs only: the minimum requirements, computed now.' })
  async compliance(@Parent() workstream: WorkstreamModel, @Args() { reportingYear }: ReportingYearArgs, @Context() ctx: RequestContext) {
    if (workstream.kind !== WorkstreamKind.DC) return null;
    const year = reportingYear ?? defaultReportingYear();
    const loader = ctx.loaders.get(`workstreams.compliance:${year}`, () =>
      new DataLoader<string, ComplianceReport | null>(async (ids) => {
        const reports = await this.complianceService.reports(await this.workstreams.findByIds(ids), year);
        return byKeys(ids, reports, (r) => r.workstream.id);
      }),
    );
    const report = await loader.load(workstream.id);
    return report ? toComplianceModel(report) : null;
  }

  @Public()
  @ResolveField(() => [DcFilingModel], { description: 'DCs only: filed reports and session requests, newest first.' })
  async filings(@Parent() workstream: WorkstreamModel, @Context() ctx: RequestContext) {
    if (workstream.kind !== WorkstreamKind.DC) return [];
    const loader = ctx.loaders.get('workstreams.filings', () =>
      new DataLoader<string, DcFilingEntity[]>(async (ids) => groupByKeys(ids, await this.complianceService.filingsOf(ids), (f) => f.workstreamId)),
    );
    return (await loader.load(workstream.id)).map(toFilingModel);
  }
}
