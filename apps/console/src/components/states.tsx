import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

/** An error a person can act on: the service's problem title and detail, never a stack trace. */
export function ErrorBox({ error, children }: { error: unknown; children?: ReactNode }) {
  const message =
    error instanceof ApiError
      ? `${error.problem.title ?? `Error ${error.status}`}${error.problem.detail ? `: ${error.problem.detail}` : ''}`
      : error instanceof Error
        ? error.message
        : 'Something went wrong';
  return (
    <div role="alert" className="error">
      <p>{message}</p>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
