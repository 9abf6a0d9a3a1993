import { Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, UuidParam, ValidBody, ZodValidationPipe } from '@linkages/platform-http';
import type { Person, Unit } from '@linkages/notifications-domain';
import { AssignWorkCommand } from './assign-work.command';
import { CreatePersonCommand } from './create-person.command';
import { EndAbsenceCommand } from './end-absence.command';
import {
  absenceNotOpen,
  absenceOverlaps,
  coverNotAvailable,
  organisationInvalid,
  personExists,
  personNotAssignable,
  personNotFound,
  unitNotFound,
} from './organisation.problems';
import {
  absenceBody,
  absenceResultResponse,
  createPersonBody,
  personResponse,
  unitIdParam,
  unitResponse,
  updatePersonBody,
  updateUnitBody,
  type AbsenceBody,
  type AbsenceResultResponse,
  type CreatePersonBody,
  type UpdatePersonBody,
  type UpdateUnitBody,
  assignmentBody,
  assignmentResponse,
  peopleResponse,
  unitsResponse,
  type AssignmentBody,
  type AssignmentResponse,
  type PeopleResponse,
  type UnitsResponse,
} from './organisation.schemas';
import { ReadOrganisationQuery } from './read-organisation.query';
import { RecordAbsenceCommand } from './record-absence.command';
import { UpdatePersonCommand } from './update-person.command';
import { UpdateUnitCommand } from './update-unit.command';

const UnitIdParam = () => Param('unitId', new ZodValidationPipe(unitIdParam, 'path.unitId'));

/** The organisation escalations climb (issue 14, Deliver 1): people and units of the caller's county and agency; assignments. */
@ApiTags('notifications')
@Controller()
export class OrganisationController {
  constructor(
    private readonly readOrganisation: ReadOrganisationQuery,
    private readonly assignWork: AssignWorkCommand,
    private readonly createPerson: CreatePersonCommand,
    private readonly updatePerson: UpdatePersonCommand,
    private readonly recordAbsence: RecordAbsenceCommand,
    private readonly endAbsence: EndAbsenceCommand,
    private readonly updateUnit: UpdateUnitCommand,
  ) {}

  @Get('organisation/people')
  @Requires('organisation.read')
  @ApiOperation({ summary: 'List the people of your county and agency' })
  @ApiSuccess(peopleResponse, { status: 200, description: 'The people' })
  @ApiProblems()
  async people(@CurrentPrincipal() principal: Principal): Promise<PeopleResponse> {
    return { people: (await this.readOrganisation.execute(principal)).people };
  }

  @Get('organisation/units')
  @Requires('organisation.read')
  @ApiOperation({ summary: 'List the units of your county and agency, with supervisor, manager, manager on duty and coverage' })
  @ApiSuccess(unitsResponse, { status: 200, description: 'The units' })
  @ApiProblems()
  async units(@CurrentPrincipal() principal: Principal): Promise<UnitsResponse> {
    return { units: (await this.readOrganisation.execute(principal)).units };
  }

  @Put('assignments')
  @Requires('assignment.write')
  @ApiOperation({
    summary: 'Assign a subject or a family of an owner service to a worker (latest wins)',
    description: 'The worker must exist and be of the owner service’s agency and your county. Audited.',
  })
  @ApiJsonBody(assignmentBody)
  @ApiSuccess(assignmentResponse, { status: 200, description: 'The assignment in force' })
  @ApiProblems('validation', 'not-found', personNotAssignable)
  assign(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(assignmentBody) body: AssignmentBody,
    @CorrelationId() correlationId: string,
  ): Promise<AssignmentResponse> {
    return this.assignWork.execute({ principal, correlationId }, body);
  }

  @Post('organisation/people')
  @Requires('organisation.write')
  @ApiOperation({
    summary: 'Add a person to a unit of your county and agency',
    description:
      'The staff id is derived from the person’s identity-provider subject, so their inbox and preferences are theirs at first sign-in. Audited (ids only).',
  })
  @ApiJsonBody(createPersonBody)
  @ApiSuccess(personResponse, { status: 201, description: 'The person added' })
  @ApiProblems('validation', unitNotFound, personExists, organisationInvalid)
  addPerson(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createPersonBody) body: CreatePersonBody,
    @CorrelationId() correlationId: string,
  ): Promise<Person> {
    return this.createPerson.execute({ principal, correlationId }, body);
  }

  @Put('organisation/people/:staffId')
  @Requires('organisation.write')
  @ApiOperation({
    summary: 'Change a person’s name, e-mail, unit or channels (the fields given)',
    description:
      'A move that would leave a unit’s supervisor outside it is refused. The seeder never overwrites an edited person. Audited.',
  })
  @ApiJsonBody(updatePersonBody)
  @ApiSuccess(personResponse, { status: 200, description: 'The person as changed' })
  @ApiProblems('validation', 'not-found', unitNotFound, organisationInvalid)
  changePerson(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('staffId') staffId: string,
    @ValidBody(updatePersonBody) body: UpdatePersonBody,
    @CorrelationId() correlationId: string,
  ): Promise<Person> {
    return this.updatePerson.execute({ principal, correlationId }, staffId, body);
  }

  @Post('organisation/people/:staffId/absences')
  @Requires('organisation.write')
  @ApiOperation({
    summary: 'Record an absence: escalation levels raised during it skip the person to the cover',
    description:
      'The cover (optional; else the unit’s supervisor, then manager) must be another person of the same county and agency, present during the absence. Audited.',
  })
  @ApiJsonBody(absenceBody)
  @ApiSuccess(absenceResultResponse, { status: 201, description: 'The absence recorded' })
  @ApiProblems('validation', 'not-found', personNotFound, personNotAssignable, coverNotAvailable, absenceOverlaps, organisationInvalid)
  addAbsence(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('staffId') staffId: string,
    @ValidBody(absenceBody) body: AbsenceBody,
    @CorrelationId() correlationId: string,
  ): Promise<AbsenceResultResponse> {
    return this.recordAbsence.execute({ principal, correlationId }, staffId, body);
  }

  @Post('organisation/people/:staffId/absences/:absenceId/end')
  @HttpCode(200)
  @Requires('organisation.write')
  @ApiOperation({ summary: 'End an absence now (back early; one not begun yet is withdrawn). Audited.' })
  @ApiSuccess(absenceResultResponse, { status: 200, description: 'The absence, ended' })
  @ApiProblems('validation', 'not-found', absenceNotOpen, organisationInvalid)
  finishAbsence(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('staffId') staffId: string,
    @UuidParam('absenceId') absenceId: string,
    @CorrelationId() correlationId: string,
  ): Promise<AbsenceResultResponse> {
    return this.endAbsence.execute({ principal, correlationId }, staffId, absenceId);
  }

  @Put('organisation/units/:unitId')
  @Requires('organisation.write')
  @ApiOperation({
    summary: 'Change a unit’s name, supervisor, manager, manager on duty or after-hours cover (the fields given)',
    description:
      'Each holder must be a person of the unit’s county and agency; the supervisor must be in the unit. Levels raised from now on resolve to the new holders. Audited.',
  })
  @ApiJsonBody(updateUnitBody)
  @ApiSuccess(unitResponse, { status: 200, description: 'The unit as changed' })
  @ApiProblems('validation', 'not-found', personNotFound, personNotAssignable, organisationInvalid)
  changeUnit(
    @CurrentPrincipal() principal: Principal,
    @UnitIdParam() unitId: string,
    @ValidBody(updateUnitBody) body: UpdateUnitBody,
    @CorrelationId() correlationId: string,
  ): Promise<Unit> {
    return this.updateUnit.execute({ principal, correlationId }, unitId, body);
  }
}
