/**
 * What the verifier found wrong, each naming where: an entry by index and kind (`entry 17
 * (comment.submitted)`), a head by its size, a row of an export, or the archive as a whole.
 */
export interface Problem {
  readonly at: string;
  readonly message: string;
}

export class Problems {
  readonly list: Problem[] = [];

  add(at: string, message: string): void {
    this.list.push({ at, message });
  }
}

export const entryAt = (index: number, kind: string | undefined): string => `entry ${index} (${kind ?? 'unreadable'})`;

export const formatProblem = (p: Problem): string => `${p.at}: ${p.message}`;

/** Input the verifier cannot read at all (exit code 2), as opposed to a record that fails its checks (1). */
export class UnreadableInput extends Error {}
