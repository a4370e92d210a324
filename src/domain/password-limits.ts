// The password policy's bounds (domain/password-policy.ts), apart from its dictionaries: what the
// API's schemas need at start-up without loading zxcvbn.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
