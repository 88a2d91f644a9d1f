import { Args, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, PlatformRoles } from '@intersessional/access';
import { ConnectionArgs, toConnection, toPageRequest } from '@intersessional/graphql';
import { AuditEventConnection, AuditEventModel, AuditLogFilter } from './audit-event.model';
import { AuditService } from './audit.service';
import { toAuditEventModel } from './audit-event.mapper';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Query(() => AuditEventConnection, {
    description: 'The whole audit log, newest first (Secretariat). Facilitators read `Workstream.auditLog`.',
  })
  async auditLog(
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter?: AuditLogFilter,
  ) {
    const page = toPageRequest(args, ['serial']);
    const { rows, total } = await this.audit.list(filter ?? {}, page);
    return toConnection(rows, page, total, (row) => [Number(row.id)], toAuditEventModel);
  }
}
