import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, PublicRoute, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, UuidParam, ValidBody, ValidParam } from '@linkages/platform-http';
import { AcknowledgeByLinkCommand } from './acknowledge-by-link.command';
import { AcknowledgeEscalationCommand } from './acknowledge-escalation.command';
import { ackLinkUnusable, escalationNotOpen, notYourEscalation } from './escalation.problems';
import { ackLinkToken, acknowledgeBody, escalationResponse, type AcknowledgeBody, type EscalationResponse } from './escalation.schemas';
import { ReadEscalationQuery } from './read-escalation.query';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A missed deadline's escalation (issue 14 item 2): who was notified at each level, who is next and when, and its
 * acknowledgment, through the API or the signed single-use link in the message.
 */
@ApiTags('escalations')
@Controller()
export class EscalationsController {
  constructor(
    private readonly readEscalation: ReadEscalationQuery,
    private readonly acknowledgeEscalation: AcknowledgeEscalationCommand,
    private readonly acknowledgeByLink: AcknowledgeByLinkCommand,
  ) {}

  @Get('escalations/:deadlineId')
  @Requires('escalation.read')
  @ApiOperation({ summary: 'Read the escalation of a missed deadline: its ladder, who was notified, who is next and when' })
  @ApiSuccess(escalationResponse, { status: 200, description: 'The escalation' })
  @ApiProblems('validation', 'not-found')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('deadlineId') deadlineId: string,
    @CorrelationId() correlationId: string,
  ): Promise<EscalationResponse> {
    return this.readEscalation.execute({ principal, correlationId }, deadlineId);
  }

  @Post('escalations/:deadlineId/acknowledge')
  @HttpCode(200)
  @Requires('escalation.acknowledge')
  @ApiOperation({
    summary: 'Acknowledge the escalation of a missed deadline (someone notified at a raised level)',
    description:
      'Stops every pending notification of it. Without the legal action the ladder re-opens at the next level after the rule’s acknowledgment expiry; meeting the deadline ends it.',
  })
  @ApiJsonBody(acknowledgeBody)
  @ApiSuccess(escalationResponse, { status: 200, description: 'The escalation, acknowledged' })
  @ApiProblems('validation', 'not-found', notYourEscalation, escalationNotOpen)
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('deadlineId') deadlineId: string,
    @ValidBody(acknowledgeBody) body: AcknowledgeBody,
    @CorrelationId() correlationId: string,
  ): Promise<EscalationResponse> {
    return this.acknowledgeEscalation.execute({ principal, correlationId }, deadlineId, body);
  }

  @Get('ack/:token')
  @PublicRoute('The signed, single-use, expiring acknowledgment link of a message is its own credential; opening it changes nothing')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The confirmation page of an acknowledgment link (changes nothing)' })
  @ApiOkResponse({
    description: 'An HTML page with the link’s level and expiry and a button that POSTs the acknowledgment',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiProblems('validation', ackLinkUnusable)
  page(@ValidParam('token', ackLinkToken) token: string): string {
    const link = this.acknowledgeByLink.inspect(token);
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acknowledge escalation</title></head><body>
<main><h1>Acknowledge this escalation</h1><p>Level ${link.level}; the link expires at ${escapeHtml(link.expiresAt)}.</p>
<form method="post" action="/ack/${escapeHtml(encodeURIComponent(token))}"><button type="submit">Acknowledge</button></form></main></body></html>`;
  }

  @Post('ack/:token')
  @HttpCode(200)
  @PublicRoute('The signed, single-use, expiring acknowledgment link of a message is its own credential')
  @ApiOperation({ summary: 'Acknowledge through the link of a message (once, before it expires)' })
  @ApiSuccess(escalationResponse, { status: 200, description: 'The escalation, acknowledged' })
  @ApiProblems('validation', ackLinkUnusable, notYourEscalation, escalationNotOpen)
  confirm(@ValidParam('token', ackLinkToken) token: string, @CorrelationId() correlationId: string): Promise<EscalationResponse> {
    return this.acknowledgeByLink.execute(token, correlationId);
  }
}
