import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, PlatformRole, PlatformRoles, Public, SignedIn } from '@intersessional/access';
import { ConnectionArgs, Connection, paginateInMemory } from '@intersessional/graphql';
import { WorkstreamKind } from '../workstream/workstream-kind';
import { toWorkstreamModel } from '../workstream/workstream.mapper';
import { WorkstreamModel } from '../workstream/workstream.model';
import { WorkstreamRepository } from '../workstream/workstream.repository';
import { defaultReportingYear } from './compliance';
import { toComplianceModel, toFilingModel } from './compliance.mapper';
import { ComplianceCheckResultModel, DcComplianceModel, DcFilingModel, FileDcRecordInput, ReportingYearArgs } from './compliance.model';
import { ComplianceService } from './compliance.service';

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
    return paginateInMemory(reports.map(toComplianceModel), args, (r) => [r.workstream.name.toLowerCase(), r.workstream.id]);
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
  async compliance(@Parent() workstream: WorkstreamModel, @Args() { reportingYear }: ReportingYearArgs) {
    if (workstream.kind !== WorkstreamKind.DC) return null;
    const entity = await this.workstreams.findById(workstream.id);
    if (!entity) return null;
    const [report] = await this.complianceService.reports([entity], reportingYear ?? defaultReportingYear());
    return report ? toComplianceModel(report) : null;
  }

  @Public()
  @ResolveField(() => [DcFilingModel], { description: 'DCs only: filed reports and session requests, newest first.' })
  async filings(@Parent() workstream: WorkstreamModel) {
    if (workstream.kind !== WorkstreamKind.DC) return [];
    return (await this.complianceService.filingsOf(workstream.id)).map(toFilingModel);
  }
}
