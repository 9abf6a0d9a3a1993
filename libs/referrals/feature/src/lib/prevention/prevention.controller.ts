import {
  Controller,
  HttpCode,
  Injectable,
  Post,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody, openApiSchemaOf } from '@linkages/platform-http';
import { CreatePreventionReferralCommand } from './create-prevention-referral.command';
import {
  preventionReferralBody,
  preventionReferralResponse,
  specialPopulationFactsBody,
  specialPopulationFactsResponse,
  type PreventionReferralInput,
  type PreventionReferralView,
  type SpecialPopulationFactsAccepted,
  type SpecialPopulationFactsInput,
} from './prevention.schemas';
import { RecordSpecialPopulationFactsCommand } from './record-special-population-facts.command';

/**
 * `Location` of an accepted command: the `enrollment` its answer names. Outside the idempotency interceptor, so a
 * replayed answer carries it too.
 */
@Injectable()
export class EnrollmentLocation implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body: unknown) => {
        const location = (body as { enrollment?: unknown } | undefined)?.enrollment;
        if (typeof location === 'string') res.setHeader('Location', location);
      }),
    );
  }
}

/**
 * What no agency event covers, typed into Linkages (issue 13, Deliver 3): a CalWORKs applicant household referred for
 * Prevention (matched like the agencies' records), and a liaison's special-population facts on a shared family.
 * Both reach the family's coordination process through referrals' own events and inbox.
 */
@ApiTags('linkages')
@Controller()
export class PreventionController {
  constructor(
    private readonly createPreventionReferral: CreatePreventionReferralCommand,
    private readonly recordSpecialPopulationFacts: RecordSpecialPopulationFactsCommand,
  ) {}

  @Post('prevention-referrals')
  @Requires('linkages.prevention.refer')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Refer a CalWORKs applicant household for Linkages Prevention',
    description:
      'CalWORKs staff (and liaisons), for an applicant household with no open CWS case. The people are stored encrypted and matched like the agencies’ own records: an applicant whose AU members Linkages already holds lands on the AU’s shared family, and a household referred again shares its family id (`duplicateOf`). A `linkages.prevention-referred` event (ids and risk-factor codes) places the family in Prevention (early intervention with risk factors, information otherwise) asynchronously: read `enrollment`.',
  })
  @ApiJsonBody(preventionReferralBody)
  @ApiSuccess(preventionReferralResponse, {
    status: 201,
    description: 'The referral, its Linkages family id and where to read its enrollment',
  })
  @ApiProblems('validation', 'not-found')
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(preventionReferralBody) body: PreventionReferralInput,
    @CorrelationId() correlationId: string,
  ): Promise<PreventionReferralView> {
    return this.createPreventionReferral.execute({ principal, correlationId }, body);
  }

  @Post('shared-families/:familyId/special-population-facts')
  @Requires('linkages.enrollment.write')
  @IdempotentCreate()
  // Below IdempotentCreate: the outer interceptor, so it sees a replayed answer too.
  @UseInterceptors(EnrollmentLocation)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Record facts that place the family in Special Populations (homeless, teen parents)',
    description:
      'Liaisons and supervisors. At least one fact, and why (the reason is audited, never published). The family’s coordination process applies the facts asynchronously: the answer is 202 with a `Location` to the family’s enrollment.',
  })
  @ApiJsonBody(specialPopulationFactsBody)
  @ApiResponse({
    status: 202,
    description: 'Accepted: the coordination process applies the facts; `Location` is GET /shared-families/{familyId}/enrollment',
    headers: { Location: { description: 'The family’s enrollment', schema: { type: 'string' } } },
    content: { 'application/json': { schema: openApiSchemaOf(specialPopulationFactsResponse, 'output') } },
  })
  @ApiProblems('validation', 'not-found')
  specialPopulationFacts(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(specialPopulationFactsBody) body: SpecialPopulationFactsInput,
    @CorrelationId() correlationId: string,
  ): Promise<SpecialPopulationFactsAccepted> {
    return this.recordSpecialPopulationFacts.execute({ principal, correlationId }, familyId, body);
  }
}
