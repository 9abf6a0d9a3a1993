import 'reflect-metadata';
import { bootstrapWorker } from '@linkages/platform-service';
import { WorkerModule } from './worker.module';
import { service } from './service';

void bootstrapWorker(WorkerModule, service);
