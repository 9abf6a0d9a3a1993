import pino, { type Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Personal data is not supposed to be logged at all; this is the net
 * under that rule for the fields the platform knows to be sensitive.
 */
export const redactedPaths = [
  'password',
  'ssn',
  'dateOfBirth',
  'firstName',
  'lastName',
  'members',
  'reporter',
  'access_token',
  'authorization',
  'DATABASE_URL',
  '*.password',
  '*.ssn',
  '*.dateOfBirth',
  '*.firstName',
  '*.lastName',
  '*.members',
  '*.reporter',
  '*.access_token',
  '*.authorization',
  '*.DATABASE_URL',
  // Match keys (issue 13): tokens and Bloom filters are derived from personal data and never logged, whether logged
  // alone, in a payload or in an event's data.
  'keys',
  'matchKeys',
  'bloom',
  '*.keys',
  '*.matchKeys',
  '*.bloom',
  '*.*.keys',
  '*.*.matchKeys',
  '*.*.bloom',
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LoggerOptions {
  service: string;
  process?: 'api' | 'worker' | 'cli' | 'test';
  level?: string;
  /** Where lines go; standard output by default. */
  destination?: pino.DestinationStream;
}

/** One structured JSON line per event: ISO time, level name, service and process, message, fields. */
export function createLogger({ service, process: proc = 'api', level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, process: proc },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger } from 'pino';

/** The process's Logger (provided by the composition root). */
export const LOGGER = Symbol('LOGGER');
