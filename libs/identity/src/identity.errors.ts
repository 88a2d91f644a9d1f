import { AppError } from '@intersessional/graphql';

/** Identity's additions to the error catalogue. */
export const IdentityErrorCode = {
  /** Unknown e-mail or wrong password: deliberately the same, so accounts cannot be discovered. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  LAST_SECRETARIAT: 'LAST_SECRETARIAT',
} as const;

export const invalidCredentials = () =>
  new AppError(IdentityErrorCode.INVALID_CREDENTIALS, 'The e-mail address or password is not correct.');

export const accountDisabled = () =>
  new AppError(IdentityErrorCode.ACCOUNT_DISABLED, 'This account has been disabled by the IGF Secretariat.');

export const lastSecretariat = () =>
  new AppError(IdentityErrorCode.LAST_SECRETARIAT, 'The platform must keep at least one active Secretariat account.');
