import { Args, Field, ID, InputType, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn } from '@intersessional/access';
import { AppError, ErrorCode } from '@intersessional/graphql';
import { DcFilingModel, toFilingModel } from '@intersessional/workstreams';
import { DocumentModel } from '../document.model';
import { toDocumentModel } from '../document.mapper';
import { DocumentService } from '../document.service';
import { AnnualReportFilingService } from './annual-report-filing.service';

@InputType()
export class FileDcAnnualReportDocumentInput {
  @Field(() => ID, { description: 'A published, public document of kind ANNUAL_REPORT of the DC.' })
  @IsUUID('all', { message: 'must be a document id' })
  documentId!: string;

  @Field(() => Int, { description: 'The cycle the report covers.' })
  @IsInt()
  @Min(2006)
  @Max(2100)
  year!: number;
}

@Resolver(() => DcFilingModel)
export class AnnualReportFilingResolver {
  constructor(
    private readonly filings: AnnualReportFilingService,
    private readonly documents: DocumentService,
  ) {}

  /** Policy: facilitators of the DC or the Secretariat (checked by the compliance service). */
  @SignedIn()
  @Mutation(() => DcFilingModel, { description: "Files a DC's annual report as a published platform document." })
  async fileDcAnnualReportDocument(@Args('input') input: FileDcAnnualReportDocumentInput, @CurrentActor() actor: Actor) {
    return toFilingModel(await this.filings.file(actor, input.documentId, input.year));
  }

  /** Policy: as the document itself (filed reports are public; null if it was made members-only since). */
  @Public()
  @ResolveField(() => DocumentModel, { nullable: true, description: 'The platform document filed as the report.' })
  async document(@Parent() filing: DcFilingModel, @OptionalActor() actor: Actor | null) {
    if (!filing.documentId) return null;
    const document = await this.documents.readable(actor, filing.documentId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    });
    return document ? toDocumentModel(document) : null;
  }
}
