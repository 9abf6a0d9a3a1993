import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { NestPinoLogger } from './nest-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'calworks', process: 'api', level: 'debug', destination }) };
}

describe('createLogger', () => {
  it('writes structured lines with service, process and level name', () => {
    const { lines, logger } = capture();
    logger.info({ familyId: 'fam-1' }, 'sanction imposed');
    expect(lines[0]).toMatchObject({ level: 'info', service: 'calworks', process: 'api', familyId: 'fam-1', msg: 'sanction imposed' });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('redacts personal data fields even when a caller logs them by mistake', () => {
    const { lines, logger } = capture();
    logger.info({ person: { ssn: '123-45-6789', dateOfBirth: '2001-02-03', firstName: 'Ana' }, ssn: '987-65-4321' }, 'oops');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('123-45-6789');
    expect(text).not.toContain('987-65-4321');
    expect(text).not.toContain('2001-02-03');
    expect(text).not.toContain('Ana');
  });
});

describe('match keys', () => {
  const token = 'ab'.repeat(32);
  const bloom = 'QUJD'.repeat(21) + 'QQ==';

  it('never logs match keys, alone, in a payload or in an event’s data', () => {
    const { lines, logger } = capture();
    logger.info({ keys: { ssn: token } }, 'alone');
    logger.info({ payload: { keys: { first: { exact: token } } }, matchKeys: [token] }, 'payload');
    logger.info({ event: { data: { keys: { last: { bloom } }, matchKeys: [token] } }, record: { bloom } }, 'event');
    logger.info({ bloom }, 'filter');
    const text = JSON.stringify(lines);
    expect(lines).toHaveLength(4);
    expect(text).not.toContain(token);
    expect(text).not.toContain(bloom);
    expect(text).toContain('[redacted]');
  });

  it('still logs the ids beside them (the redaction is by field, not by line)', () => {
    const { lines, logger } = capture();
    logger.info({ event: { data: { personId: 'p-1', keys: { ssn: token } } } }, 'event');
    expect(lines[0]).toMatchObject({ event: { data: { personId: 'p-1', keys: '[redacted]' } } });
  });
});

describe('NestPinoLogger', () => {
  it('keeps Nest context and error stacks as fields', () => {
    const { lines, logger } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'boom' });
    expect(lines[1]?.['stack']).toContain('at x');
  });
});
