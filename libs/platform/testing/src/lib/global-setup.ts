import { ensureStackUp } from './stack-env';

// Jest globalSetup: the real local stack runs before any test file (a no-op when `npm test` already started it).
export default function globalSetup(): void {
  ensureStackUp();
}
