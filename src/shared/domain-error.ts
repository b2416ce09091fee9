/**
 * Broken domain rules. Each has a stable `code` that the HTTP layer turns into a problem
 * type and status; the message is written for the person who made the request.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
