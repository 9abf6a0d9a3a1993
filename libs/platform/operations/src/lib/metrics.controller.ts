import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@linkages/platform-auth';
import { MessagingHost, MessagingMetrics } from '@linkages/platform-messaging';

@ApiTags('health')
@PublicRoute('Prometheus scrape target on the internal network: counters and gauges only, no personal data')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly host: MessagingHost,
    private readonly metrics: MessagingMetrics,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: outbox backlog and relay lag, consumer lag and outcomes, dead letters' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async scrape(): Promise<string> {
    await this.host.refreshGauges().catch(() => undefined);
    return this.metrics.registry.metrics();
  }
}
