import { HttpException, HttpStatus } from '@nestjs/common';

/** An HTTP error with a machine-readable `code` a client can branch on. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, fields?: Record<string, string[]>) {
    super({ message, code, ...(fields ? { fields } : {}) }, status);
  }
}
