import { Injectable } from '@nestjs/common';

/**
 * The time rules are judged by (comment periods open and close on the millisecond). One instance per
 * application; tests move it with `travelTo` instead of waiting, everything else reads `now()`.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: from now on, `now()` reads `at` plus the real time elapsed since. */
  travelTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
