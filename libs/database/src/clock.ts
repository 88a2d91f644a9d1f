import { Injectable } from '@nestjs/common';

/**
 * The time rules are judged by (comment periods open and close on the millisecond). One instance per
 * application; tests move it (`travelTo`) or stop it (`freezeAt`) instead of waiting, everything else
 * reads `now()`.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozen: Date | null = null;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: from now on, `now()` reads `at` plus the real time elapsed since. */
  travelTo(at: Date): void {
    this.frozen = null;
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Tests only: `now()` reads exactly `at` until the clock is moved again. */
  freezeAt(at: Date): void {
    this.frozen = new Date(at);
  }
}
