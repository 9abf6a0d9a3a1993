import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@linkages/platform-config';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { assertSchemaName } from '@linkages/platform-persistence';
import { commandIdAt, uuidPattern, validateDeadlineCommand, type DeadlineCommand } from './deadline-command';
import { deadlineCommandsChannel } from './deadline-tracking.migrations';
import { POLICY_REGISTRY } from './policy-registry.token';

/**
 * Writes deadline operations into the service's deadline command outbox inside the caller's transaction: the domain
 * change and the deadline operation commit together or not at all. DeadlineCommandRelay applies them after commit.
 */
@Injectable()
export class DeadlineCommands {
  private readonly table: string;
  private readonly channel: string;

  constructor(
    @Inject(SERVICE_IDENTITY) service: ServiceIdentity,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
  ) {
    this.table = `"${assertSchemaName(service.schema)}".deadline_commands`;
    this.channel = deadlineCommandsChannel(service.schema);
  }

  /**
   * Enqueues the commands (applied in this order per deadline; an open goes first). `commandId` makes a retried
   * enqueue a no-op: a command id already present keeps the first write. Returns the command ids.
   */
  async enqueue(tx: EntityManager, commands: DeadlineCommand | DeadlineCommand[], commandId?: string): Promise<string[]> {
    const list = Array.isArray(commands) ? commands : [commands];
    if (list.length === 0) return [];
    if (!tx.queryRunner?.isTransactionActive) throw new Error('DeadlineCommands.enqueue must run inside the business transaction');
    if (commandId !== undefined && !uuidPattern.test(commandId)) throw new Error('commandId must be a UUID');
    const base = commandId ?? randomUUID();
    const params: unknown[] = [];
    const ids: string[] = [];
    const rows = list.map((command, i) => {
      validateDeadlineCommand(command, this.registry);
      const { op, deadlineId, ...payload } = command;
      const id = commandIdAt(base, i);
      ids.push(id);
      params.push(id, deadlineId, op, JSON.stringify(payload));
      const n = params.length;
      return `($${n - 3}::uuid, $${n - 2}::uuid, $${n - 1}, $${n}::jsonb)`;
    });
    await tx.query(
      `INSERT INTO ${this.table} (command_id, deadline_id, op, payload) VALUES ${rows.join(', ')} ON CONFLICT (command_id) DO NOTHING`,
      params,
    );
    // Delivered on commit only.
    await tx.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    return ids;
  }
}
