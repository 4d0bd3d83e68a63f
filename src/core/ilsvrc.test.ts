import { describe, expect, it } from 'vitest';
import { analyzeArchitecture } from './architectureAnalysis';
import { ARCHITECTURES } from './architectureZoo';
import { ARCHITECTURE_FACTS, HUMAN_TOP5_ERROR_PCT, ILSVRC_RESULTS, ilsvrcResult } from './ilsvrc';

describe('ILSVRC classification results', () => {
  it('lists one winner per year from 2010 to 2015 with its top-5 error', () => {
    expect(ILSVRC_RESULTS.map((r) => [r.year, r.top5ErrorPct, r.model])).toEqual([
      [2010, 28.2, 'NEC-UIUC'],
      [2011, 25.8, 'XRCE'],
      [2012, 16.4, 'AlexNet'],
      [2013, 11.7, 'ZFNet / Clarifai'],
      [2014, 6.7, 'GoogLeNet'],
      [2015, 3.57, 'ResNet'],
    ]);
  });

  it('has a winning error that falls every year', () => {
    const drops = ILSVRC_RESULTS.slice(1).map((r, i) => (ILSVRC_RESULTS[i]?.top5ErrorPct ?? NaN) - r.top5ErrorPct);
    expect(drops.every((drop) => drop > 0)).toBe(true);
    // AlexNet's 9.4-point drop is the largest.
    expect(drops.map((d) => Math.round(d * 100) / 100)).toEqual([2.4, 9.4, 4.7, 5, 3.13]);
  });

  it('puts 2015 below the 5.1% human estimate and 2014 above it', () => {
    expect(HUMAN_TOP5_ERROR_PCT).toBe(5.1);
    expect(ilsvrcResult(2015)?.top5ErrorPct).toBeLessThan(HUMAN_TOP5_ERROR_PCT);
    expect(ilsvrcResult(2014)?.top5ErrorPct).toBeGreaterThan(HUMAN_TOP5_ERROR_PCT);
    expect(ILSVRC_RESULTS.filter((r) => r.top5ErrorPct < HUMAN_TOP5_ERROR_PCT).map((r) => r.year)).toEqual([2015]);
  });

  it('marks the winners from 2012 on as CNNs and VGG as the 2014 runner-up', () => {
    expect(ILSVRC_RESULTS.filter((r) => r.cnn).map((r) => r.year)).toEqual([2012, 2013, 2014, 2015]);
    expect(ilsvrcResult(2014)?.runnerUp).toEqual({ team: 'VGG', model: 'VGG', top5ErrorPct: 7.3 });
    expect(ILSVRC_RESULTS.filter((r) => r.runnerUp).map((r) => r.year)).toEqual([2014]);
  });

  it('returns undefined for a year without a result', () => {
    expect(ilsvrcResult(2009)).toBeUndefined();
  });
});

describe('architecture facts', () => {
  it('lists the five landmark networks in chronological order', () => {
    expect(ARCHITECTURE_FACTS.map((f) => [f.id, f.year])).toEqual([
      ['lenet5', 1998],
      ['alexnet', 2012],
      ['vgg16', 2014],
      ['googlenet', 2014],
      ['resnet152', 2015],
    ]);
  });

  it('records the training budgets of AlexNet and ResNet', () => {
    const training = Object.fromEntries(
      ARCHITECTURE_FACTS.map((f) => [
        f.id,
        f.training ? [f.training.gpus, f.training.minDays, f.training.maxDays] : null,
      ]),
    );
    expect(training).toEqual({
      lenet5: null,
      alexnet: [2, 5, 6],
      vgg16: null,
      googlenet: null,
      resnet152: [8, 14, 21],
    });
  });

  it('dates the LeNet demo to 1993 and gives GoogLeNet nine Inception modules', () => {
    const lenet = ARCHITECTURE_FACTS.find((f) => f.id === 'lenet5');
    const googlenet = ARCHITECTURE_FACTS.find((f) => f.id === 'googlenet');
    expect(lenet?.demoYear).toBe(1993);
    expect(googlenet?.inceptionModules).toBe(9);
    const modules = analyzeArchitecture(ARCHITECTURES.googlenet).layers.filter((r) => r.kind === 'concat');
    expect(modules).toHaveLength(9);
  });

  it('agrees with the architecture definitions on depth', () => {
    const depths = ARCHITECTURE_FACTS.map((f) => [
      f.weightLayers,
      analyzeArchitecture(ARCHITECTURES[f.id]).weightDepth,
    ]);
    expect(depths).toEqual([
      [5, 5],
      [8, 8],
      [16, 16],
      [22, 22],
      [152, 152],
    ]);
  });

  it('agrees with the results table on every ILSVRC entry', () => {
    const entries = ARCHITECTURE_FACTS.flatMap((f) =>
      f.ilsvrc ? [[f.id, f.ilsvrc.year, f.ilsvrc.place, f.ilsvrc.top5ErrorPct]] : [],
    );
    expect(entries).toEqual([
      ['alexnet', 2012, 1, 16.4],
      ['vgg16', 2014, 2, 7.3],
      ['googlenet', 2014, 1, 6.7],
      ['resnet152', 2015, 1, 3.57],
    ]);
    for (const f of ARCHITECTURE_FACTS) {
      if (!f.ilsvrc) continue;
      const result = ilsvrcResult(f.ilsvrc.year);
      const listed = f.ilsvrc.place === 1 ? result?.top5ErrorPct : result?.runnerUp?.top5ErrorPct;
      expect(listed).toBe(f.ilsvrc.top5ErrorPct);
    }
  });
});
