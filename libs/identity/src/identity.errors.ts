import { AppError } from '@intersessional/graphql';

/** Identity's additions to the error catalogue. */
export const IdentityErrorCode = {
  /** Unknown e-mail or wrong password: deliberately the same, so accounts cannot be discovered. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  LAST_SECRETARIAT: 'LAST_SECRETARIAT',
  /** A password-reset or verification link that was never issued (or mistyped). `field: token`. */
  LINK_INVALID: 'LINK_INVALID',
  /** A link past its expiry: ask for a new one. `field: token`. */
  LINK_EXPIRED: 'LINK_EXPIRED',
  /** A link already used (links work once). `field: token`. */
  LINK_USED: 'LINK_USED',
} as const;

export const invalidCredentials = () =>
  new AppError(IdentityErrorCode.INVALID_CREDENTIALS, 'The e-mail address or password is not correct.');

export const accountDisabled = () =>
  new AppError(IdentityErrorCode.ACCOUNT_DISABLED, 'This account has been disabled by the IGF Secretariat.');

export const lastSecretariat = () =>
  new AppError(IdentityErrorCode.LAST_SECRETARIAT, 'The platform must keep at least one active Secretariat account.');

export const linkInvalid = () =>
  new AppError(IdentityErrorCode.LINK_INVALID, 'This link is not valid. Check that you copied all of it, or ask for a new one.', { field: 'token' });

export const linkExpired = () =>
  new AppError(IdentityErrorCode.LINK_EXPIRED, 'This link has expired. Ask for a new one.', { field: 'token' });

export const linkUsed = () =>
  new AppError(IdentityErrorCode.LINK_USED, 'This link has already been used. Ask for a new one if you need it.', { field: 'token' });
