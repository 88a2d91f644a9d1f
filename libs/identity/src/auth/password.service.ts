import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { badInput } from '@intersessional/graphql';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn score 0–4; 3 is "safely unguessable" against online and throttled offline attacks. */
const MIN_SCORE = 3;

/** Argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane). */
// `Algorithm` is an ambient const enum in @node-rs/argon2; 2 is its Argon2id member.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordService {
  private readonly strength = new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  });
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash = hash('not-a-real-password-but-a-timing-equaliser', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.dummyHash);
    const ok = await verify(target, password).catch(() => false);
    return passwordHash !== null && ok;
  }

  /** Throws BAD_USER_INPUT on `field` unless the password is long and hard enough to guess. */
  assertStrong(password: string, personalInputs: string[], field = 'password'): void {
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw badInput(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      throw badInput(field, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
    }
    const result = this.strength.check(password, personalInputs.filter(Boolean));
    if (result.score < MIN_SCORE) {
      const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'use a longer passphrase';
      throw badInput(field, `is too easy to guess (${hint})`);
    }
  }
}
