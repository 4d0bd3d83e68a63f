import { beforeEach, describe, expect, it } from 'vitest';
import { applyClassroomParams, classroomMode, setClassroomMode, subscribeClassroomMode } from './classroomMode';

const apply = (query: string) => applyClassroomParams(new URLSearchParams(query));

describe('classroom mode', () => {
  beforeEach(() => {
    setClassroomMode(false);
  });

  it('turns on with present=1, stays on for addresses without it, and off with present=0', () => {
    apply('present=1');
    expect(classroomMode()).toEqual({ on: true, controls: true });
    apply('size=5');
    expect(classroomMode().on).toBe(true);
    apply('present=0');
    expect(classroomMode().on).toBe(false);
  });

  it('hides the controls with controls=0 until controls=1 or the mode is switched off by hand', () => {
    apply('present=1&controls=0');
    expect(classroomMode()).toEqual({ on: true, controls: false });
    setClassroomMode(true);
    expect(classroomMode().controls).toBe(false);
    setClassroomMode(false);
    expect(classroomMode()).toEqual({ on: false, controls: true });
    apply('controls=0');
    apply('controls=1');
    expect(classroomMode().controls).toBe(true);
  });

  it('tells subscribers about changes only, until they unsubscribe', () => {
    let calls = 0;
    const unsubscribe = subscribeClassroomMode(() => calls++);
    apply('present=1');
    apply('present=1&present=1');
    apply('other=2');
    expect(calls).toBe(1);
    unsubscribe();
    apply('present=0');
    expect(calls).toBe(1);
  });

  it('ignores values other than 0 and 1', () => {
    apply('present=yes&controls=maybe');
    expect(classroomMode()).toEqual({ on: false, controls: true });
  });
});
