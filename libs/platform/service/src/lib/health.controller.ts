import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PublicRoute } from '@linkages/platform-auth';
import { SERVICE_IDENTITY, type ReadinessReport, type ServiceIdentity } from '@linkages/platform-config';
import { ApiProblems, ApiSuccess, problemException, schemaMatches, type MatchesSchema } from '@linkages/platform-http';
import { ReadinessService } from './readiness';

const liveResponse = z.object({ status: z.literal('ok'), service: z.string(), uptimeSeconds: z.number().int() });
const readyResponse = z.object({
  status: z.enum(['ready', 'not-ready']),
  service: z.string(),
  checks: z.record(
    z.string(),
    z.object({
      status: z.enum(['up', 'down']),
      latencyMs: z.number(),
      details: z.record(z.string(), z.unknown()).optional(),
      error: z.string().optional(),
    }),
  ),
});
schemaMatches<MatchesSchema<ReadinessReport, typeof readyResponse>>();

@ApiTags('health')
@PublicRoute('Liveness and readiness probes for the orchestrator; no personal data')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiSuccess(liveResponse, { status: 200, description: 'Alive' })
  live(): z.output<typeof liveResponse> {
    return { status: 'ok', service: this.service.name, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL (schema migrated), Kafka and Temporal answer' })
  @ApiSuccess(readyResponse, { status: 200, description: 'Every dependency is up' })
  @ApiProblems('service-unavailable')
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.report(this.service.name);
    if (report.status !== 'ready') {
      throw problemException('service-unavailable', 'One or more dependencies are down', { checks: report.checks });
    }
    return report;
  }
}
