import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, UuidParam, ValidBody, ZodValidationPipe, openApiSchemaOf } from '@linkages/platform-http';
import { ListDeadlineQueueQuery } from './list-deadline-queue.query';
import { ReadDeadlineQueueItemQuery } from './read-deadline-queue-item.query';
import { ReassignDeadlineCommand } from './reassign-deadline.command';
import { assigneeNotEligible, notYourUnit } from './deadline-queue.problems';
import {
  deadlineQueueItem,
  deadlineQueueItemResponse,
  deadlineQueueQuery,
  deadlineQueueResponse,
  reassignDeadlineBody,
  type DeadlineQueueItem,
  type DeadlineQueueItemResponse,
  type DeadlineQueueQuery,
  type DeadlineQueueResponse,
  type ReassignDeadlineBody,
} from './deadline-queue.schemas';

const param = (name: keyof typeof deadlineQueueQuery.shape) =>
  ApiQuery({ name, required: false, schema: openApiSchemaOf(deadlineQueueQuery.shape[name], 'input') });

/**
 * The supervisor's deadline queue (issue 15 items 2–3): one list of due-soon, due, overdue, escalated and acknowledged
 * deadlines across both agencies as far as the caller may see them, one deadline's timeline, and re-assignment.
 */
@ApiTags('deadline-queue')
@Controller()
export class DeadlineQueueController {
  constructor(
    private readonly listQueue: ListDeadlineQueueQuery,
    private readonly readItem: ReadDeadlineQueueItemQuery,
    private readonly reassign: ReassignDeadlineCommand,
  ) {}

  @Get('deadline-queue')
  @Requires('escalation.read')
  @ApiOperation({
    summary: 'List the deadlines of your queue, most legally urgent first',
    description:
      'Your county only; all of your agency’s as its supervisor, else those assigned to you or whose escalation notified you. Sorted: escalated, overdue, due, due soon, acknowledged (met last); legally urgent (hour-based) rules first within a band, then the due instant. `cursor`: the previous page’s `nextCursor`. Audited (the count and the filters).',
  })
  @param('state')
  @param('unitId')
  @param('staffId')
  @param('program')
  @param('ruleId')
  @param('agency')
  @param('limit')
  @param('cursor')
  @ApiSuccess(deadlineQueueResponse, { status: 200, description: 'A page of the queue and the cursor of the next one' })
  @ApiProblems('validation')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(deadlineQueueQuery, 'query')) query: DeadlineQueueQuery,
    @CorrelationId() correlationId: string,
  ): Promise<DeadlineQueueResponse> {
    return this.listQueue.execute({ principal, correlationId }, query);
  }

  @Get('deadline-queue/:deadlineId')
  @Requires('escalation.read')
  @ApiOperation({
    summary: 'Read one deadline of your queue with its timeline (reminders, due, overdue, extensions, levels, acknowledgments)',
  })
  @ApiSuccess(deadlineQueueItemResponse, { status: 200, description: 'The deadline and its timeline, oldest first' })
  @ApiProblems('validation', 'not-found')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('deadlineId') deadlineId: string,
    @CorrelationId() correlationId: string,
  ): Promise<DeadlineQueueItemResponse> {
    return this.readItem.execute({ principal, correlationId }, deadlineId);
  }

  @Post('deadline-queue/:deadlineId/reassign')
  @Requires('assignment.write')
  @ApiOperation({
    summary: 'Re-assign a deadline to another worker of its county and agency, with a reason (a supervisor of its agency)',
    description:
      'Records the assignment of its subject as PUT /assignments does (the latest wins: later escalation levels resolve the new assignee). Audited with the reason.',
  })
  @ApiJsonBody(reassignDeadlineBody)
  @ApiSuccess(deadlineQueueItem, { status: 200, description: 'The deadline, re-assigned' })
  @ApiProblems('validation', 'not-found', notYourUnit, assigneeNotEligible)
  reassignDeadline(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('deadlineId') deadlineId: string,
    @ValidBody(reassignDeadlineBody) body: ReassignDeadlineBody,
    @CorrelationId() correlationId: string,
  ): Promise<DeadlineQueueItem> {
    return this.reassign.execute({ principal, correlationId }, deadlineId, body);
  }
}
