export * from './lib/cws.entities';
export * from './lib/cws.migration';
export * from './lib/cws.schemas';
export * from './lib/clocks';
export * from './lib/child-welfare.service';
export * from './lib/child-welfare.controller';
export * from './lib/child-welfare.module';
