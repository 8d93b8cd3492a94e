// A failure the caller can explain to a person. `code` is stable for tests and logs; `message` is French.
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}
