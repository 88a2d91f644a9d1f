import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** Strength a production JWT_SECRET must have: HS256 keys should resist 2^128 guesses. */
export const MIN_SECRET_BITS = 128;

/**
 * The strength of `secret` in bits (log2 of the guesses zxcvbn estimates an attacker needs). Length
 * alone says nothing: 36 times the same character, digits counting up, a repeated word or a few
 * dictionary words score far below what a random value of the same length does.
 * `openssl rand -hex 32` scores about 200 bits, `openssl rand -base64 48` about 210.
 */
export function estimatedSecretBits(secret: string): number {
  const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return Math.floor(estimator.check(secret).guessesLog10 * Math.log2(10));
}
