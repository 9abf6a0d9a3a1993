import 'reflect-metadata';
import { bootstrapApi } from '@linkages/platform-service';
import { ApiModule } from './api.module';
import { service } from './service';

void bootstrapApi(ApiModule, service);
