import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, UuidParam, ValidBody } from '@linkages/platform-http';
import { DisableWebhookEndpointCommand } from './disable-webhook-endpoint.command';
import { EnableWebhookEndpointCommand } from './enable-webhook-endpoint.command';
import { ListWebhookEndpointsQuery } from './list-webhook-endpoints.query';
import { RegisterWebhookEndpointCommand } from './register-webhook-endpoint.command';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { webhookAgencyRefused, webhookEndpointState, webhookUrlRefused } from './webhook.problems';
import {
  endpointResponse,
  endpointWithSecretResponse,
  endpointsResponse,
  registerEndpointBody,
  rotateSecretBody,
  type EndpointResponse,
  type EndpointWithSecretResponse,
  type EndpointsResponse,
  type RegisterEndpointBody,
  type RotateSecretBody,
} from './webhook.schemas';

/**
 * Signed webhooks for the agencies' own systems (issue 14, Deliver 3): endpoints of the caller's agency and county,
 * Standard Webhooks signatures (docs/webhooks.md), secrets shown once, rotation with a 24 h overlap, enable/disable.
 */
@ApiTags('webhooks')
@Controller()
export class WebhookEndpointsController {
  constructor(
    private readonly register: RegisterWebhookEndpointCommand,
    private readonly listEndpoints: ListWebhookEndpointsQuery,
    private readonly rotateSecret: RotateWebhookSecretCommand,
    private readonly enableEndpoint: EnableWebhookEndpointCommand,
    private readonly disableEndpoint: DisableWebhookEndpointCommand,
  ) {}

  @Post('webhook-endpoints')
  @Requires('webhook.manage')
  @ApiOperation({
    summary: 'Register a webhook endpoint of your agency and county',
    description:
      'https to a public host only (development excepted). The signing secret (yours or generated) is returned this once and stored encrypted. Audited.',
  })
  @ApiJsonBody(registerEndpointBody)
  @ApiSuccess(endpointWithSecretResponse, { status: 201, description: 'The endpoint and its secret (shown once)' })
  @ApiProblems('validation', webhookUrlRefused, webhookAgencyRefused)
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(registerEndpointBody) body: RegisterEndpointBody,
    @CorrelationId() correlationId: string,
  ): Promise<EndpointWithSecretResponse> {
    return this.register.execute({ principal, correlationId }, body);
  }

  @Get('webhook-endpoints')
  @Requires('webhook.manage')
  @ApiOperation({ summary: 'List the webhook endpoints of your agency and county (never their secrets)' })
  @ApiSuccess(endpointsResponse, { status: 200, description: 'The endpoints' })
  @ApiProblems()
  list(@CurrentPrincipal() principal: Principal): Promise<EndpointsResponse> {
    return this.listEndpoints.execute(principal);
  }

  @Post('webhook-endpoints/:endpointId/rotate-secret')
  @HttpCode(200)
  @Requires('webhook.manage')
  @ApiOperation({
    summary: 'Rotate the signing secret of an endpoint',
    description:
      'The new secret (yours or generated) is returned this once; the previous one keeps signing beside it for 24 hours. Audited.',
  })
  @ApiJsonBody(rotateSecretBody)
  @ApiSuccess(endpointWithSecretResponse, { status: 200, description: 'The endpoint and its new secret (shown once)' })
  @ApiProblems('validation', 'not-found')
  rotate(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('endpointId') endpointId: string,
    @ValidBody(rotateSecretBody) body: RotateSecretBody,
    @CorrelationId() correlationId: string,
  ): Promise<EndpointWithSecretResponse> {
    return this.rotateSecret.execute({ principal, correlationId }, endpointId, body);
  }

  @Post('webhook-endpoints/:endpointId/enable')
  @HttpCode(200)
  @Requires('webhook.manage')
  @ApiOperation({
    summary: 'Enable an endpoint again (after it was disabled for failing, or by hand)',
    description: 'Its failure counters reset and its pending messages are sent at once. Audited.',
  })
  @ApiSuccess(endpointResponse, { status: 200, description: 'The endpoint, enabled' })
  @ApiProblems('validation', 'not-found', webhookEndpointState)
  enable(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('endpointId') endpointId: string,
    @CorrelationId() correlationId: string,
  ): Promise<EndpointResponse> {
    return this.enableEndpoint.execute({ principal, correlationId }, endpointId);
  }

  @Post('webhook-endpoints/:endpointId/disable')
  @HttpCode(200)
  @Requires('webhook.manage')
  @ApiOperation({
    summary: 'Disable an endpoint by hand',
    description: 'Nothing is queued for it or sent to it until it is enabled again. Audited.',
  })
  @ApiSuccess(endpointResponse, { status: 200, description: 'The endpoint, disabled' })
  @ApiProblems('validation', 'not-found', webhookEndpointState)
  disable(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('endpointId') endpointId: string,
    @CorrelationId() correlationId: string,
  ): Promise<EndpointResponse> {
    return this.disableEndpoint.execute({ principal, correlationId }, endpointId);
  }
}
