import type { EntityManager } from 'typeorm';

/** An entity's table as SQL names it: `"<schema>"."<table>"` (each part quoted), for the raw statements of this lib. */
export const tableOf = (tx: EntityManager, entity: new () => unknown): string =>
  tx.connection
    .getMetadata(entity)
    .tablePath.split('.')
    .map((p) => `"${p}"`)
    .join('.');
