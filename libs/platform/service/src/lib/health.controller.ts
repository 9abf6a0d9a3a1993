import { Controller, Get, HttpCode, HttpStatus, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@linkages/platform-auth';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import { ReadinessService, type ReadinessReport } from './readiness';

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
  @ApiOkResponse({ description: 'Alive' })
  live(): { status: 'ok'; service: string; uptimeSeconds: number } {
    return { status: 'ok', service: this.service.name, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Readiness: PostgreSQL (schema migrated), Kafka and Temporal answer' })
  @ApiOkResponse({ description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down (problem+json with each check)' })
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.report(this.service.name);
    if (report.status !== 'ready') {
      throw new ServiceUnavailableException({ title: 'Not Ready', message: 'One or more dependencies are down', checks: report.checks });
    }
    return report;
  }
}
