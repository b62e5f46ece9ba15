import type { ErrorCode } from '../../../shared/errors';

/** The one error type every call rejects with: a code from the union and a sentence. Never parse the message. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
