import type { Config } from '../config/config.ts';
import { shiftedClock, systemClock, type Clock } from '../domain/clock.ts';

/** NHACVIEC_FAKE_NOW starts the clock at that instant and lets it run in real time. */
export function clockFromConfig(config: Pick<Config, 'NHACVIEC_FAKE_NOW'>): Clock {
  return config.NHACVIEC_FAKE_NOW ? shiftedClock(new Date(config.NHACVIEC_FAKE_NOW)) : systemClock;
}
