import { ConflictError } from '../../../shared/errors/errors.js';

/** CONFLICT that names the field at fault, in the same `extensions.fields` shape as BAD_USER_INPUT. */
export function fieldConflict(field: string, message: string): ConflictError {
  const error = new ConflictError(message);
  (error.extensions as Record<string, unknown>).fields = [{ field, message }];
  return error;
}
