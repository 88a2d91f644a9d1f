import { graphql } from '../../graphql/graphql';
import { SESSION_FIELDS } from './session/session-fields';

/** What the profile page shows and edits of the signed-in person. */
const PROFILE_FIELDS = graphql(`
  fragment ProfileFields on User @_unmask {
    id
    displayName
    email
    emailVerified
    organisation
    country
    stakeholderGroup
    gender
    preferredLanguage
    platformRole
  }
`);

export const SIGN_IN = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) { ...SessionFields }
  }
`, [SESSION_FIELDS]);

export const REGISTER = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { ...SessionFields }
  }
`, [SESSION_FIELDS]);

export const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const PROFILE = graphql(`
  query Profile {
    me { ...ProfileFields }
  }
`, [PROFILE_FIELDS]);

export const UPDATE_PROFILE = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) { ...ProfileFields }
  }
`, [PROFILE_FIELDS]);

export const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const REQUEST_EMAIL_VERIFICATION = graphql(`
  mutation RequestEmailVerification {
    requestEmailVerification
  }
`);

export const REQUEST_PASSWORD_RESET = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const RESET_PASSWORD = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

export const VERIFY_EMAIL = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerified
    }
  }
`);
