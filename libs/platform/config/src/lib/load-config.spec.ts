import { ConfigValidationError, loadConfig, redactConfig } from './load-config';
import { secretConfigKeys, serviceConfigSchema } from './platform-config.schema';

const schema = serviceConfigSchema({ port: 3002, workerHealthPort: 3102 });
const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const valid = {
  DATABASE_URL: 'postgres://u:secret@127.0.0.1:5432/db',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  TEMPORAL_ENCRYPTION_KEYS: `k1:${key}`,
  FIELD_ENCRYPTION_KEYS: `f1:${key}`,
  BLIND_INDEX_KEY: key,
  MATCH_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
  AUTH_ISSUER: 'http://127.0.0.1:8900',
  AUTH_JWKS_URL: 'http://127.0.0.1:8900/.well-known/jwks.json',
};

describe('loadConfig', () => {
  it('applies defaults and parses lists', () => {
    const config = loadConfig('calworks', schema, valid);
    expect(config.PORT).toBe(3002);
    expect(config.WORKER_HEALTH_PORT).toBe(3102);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.AUTH_ALGORITHMS).toEqual(['RS256', 'ES256']);
    expect(config.AUTH_AUDIENCE).toBe('linkages-api');
  });

  it('accepts only asymmetric token algorithms', () => {
    for (const algorithms of ['HS256', 'none', 'RS256,HS512'])
      expect(() => loadConfig('calworks', schema, { ...valid, AUTH_ALGORITHMS: algorithms })).toThrow(/AUTH_ALGORITHMS/);
  });

  it('names every problem at once', () => {
    const attempt = () => loadConfig('calworks', schema, { DATABASE_URL: 'mysql://x', PORT: '99999' });
    expect(attempt).toThrow(ConfigValidationError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
      expect(problems).toMatch(/KAFKA_BROKERS: is required/);
      expect(problems).toMatch(/PORT:/);
      expect((error as Error).message).toContain('Invalid configuration for calworks');
    }
  });

  it('requires a 32-byte MATCH_KEY, separate from the blind index key, and treats it as a secret', () => {
    const { MATCH_KEY: _m, ...withoutMatchKey } = valid;
    expect(() => loadConfig('calworks', schema, withoutMatchKey)).toThrow(/MATCH_KEY: is required/);
    expect(() => loadConfig('calworks', schema, { ...valid, MATCH_KEY: 'c2hvcnQ=' })).toThrow(/MATCH_KEY: must be 32 bytes/);
    expect(secretConfigKeys).toContain('MATCH_KEY');
    expect(redactConfig(loadConfig('calworks', schema, valid), secretConfigKeys)).toMatchObject({ MATCH_KEY: '***' });
  });

  it('rejects a malformed broker address', () => {
    expect(() => loadConfig('calworks', schema, { ...valid, KAFKA_BROKERS: 'localhost' })).toThrow(/must be host:port/);
  });
});

describe('redactConfig', () => {
  it('masks secrets and URL passwords', () => {
    const redacted = redactConfig({ DATABASE_URL: 'postgres://u:secret@h:1/db', TOKEN: 'abc', PORT: 1 }, ['TOKEN']);
    expect(redacted).toEqual({ DATABASE_URL: 'postgres://u:***@h:1/db', TOKEN: '***', PORT: 1 });
  });
});
