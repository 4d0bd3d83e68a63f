import { describe, expect, it } from 'vitest';
import { analyzeArchitecture } from './architectureAnalysis';
import { ARCHITECTURES } from './architectureZoo';
import {
  ARCHITECTURE_FACTS,
  HUMAN_TOP5_ERROR_PCT,
  HUMAN_TOP5_ERROR_SOURCE,
  ILSVRC_RESULTS,
  ILSVRC_RESULTS_SOURCE,
  ilsvrcResult,
} from './ilsvrc';

describe('ILSVRC classification results', () => {
  it('lists one winner per year from 2010 to 2015 with its top-5 error', () => {
    expect(ILSVRC_RESULTS.map((r) => [r.year, r.top5ErrorPct, r.model])).toEqual([
      [2010, 28.2, 'NEC-UIUC'],
      [2011, 25.8, 'XRCE'],
      [2012, 16.4, 'AlexNet'],
      [2013, 11.7, 'Clarifai (Zeiler)'],
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

  it('draws 16.4% for 2012, SuperVision’s entry on the supplied data, and gives its 15.3% with extra data', () => {
    const result = ilsvrcResult(2012);
    expect([result?.team, result?.top5ErrorPct]).toEqual(['SuperVision', 16.4]);
    expect(result?.entry).toContain('supplied training data only');
    expect(result?.otherFigures?.map((f) => f.top5ErrorPct)).toEqual([15.3]);
    expect(result?.otherFigures?.[0]?.what).toContain('official winning entry');
    expect(result?.otherFigures?.[0]?.what).toContain('ImageNet Fall 2011');
    expect(result?.otherFigures?.[0]?.source).toContain('official ILSVRC 2012 results');
    expect(result?.choice).toContain('16.4%');
  });

  it('labels 2013’s 11.7% as Clarifai’s (Zeiler) several-network entry and gives the ZFNet paper’s 14.8%', () => {
    const result = ilsvrcResult(2013);
    expect([result?.team, result?.model, result?.top5ErrorPct]).toEqual(['Clarifai', 'Clarifai (Zeiler)', 11.7]);
    expect(result?.entry).toContain('several networks');
    expect(result?.otherFigures?.map((f) => f.top5ErrorPct)).toEqual([14.8]);
    expect(result?.otherFigures?.[0]?.what).toContain('ZFNet paper');
    expect(result?.otherFigures?.[0]?.source).toContain('Zeiler & Fergus');
  });

  it('explains every year that has more than one figure, and only those', () => {
    for (const r of ILSVRC_RESULTS) {
      const hasOthers = (r.otherFigures?.length ?? 0) > 0;
      expect([r.year, Boolean(r.entry), Boolean(r.choice)]).toEqual([r.year, hasOthers, hasOthers]);
      for (const f of r.otherFigures ?? []) expect(f.top5ErrorPct).not.toBe(r.top5ErrorPct);
    }
    expect(ILSVRC_RESULTS_SOURCE).toContain('official ILSVRC results');
  });

  it('attributes the human estimate to one trained annotator, Karpathy 2014, on a sample of test images', () => {
    expect(HUMAN_TOP5_ERROR_SOURCE).toContain('one trained annotator (Andrej Karpathy, 2014)');
    expect(HUMAN_TOP5_ERROR_SOURCE).toContain('a sample of 1,500 test images');
    expect(HUMAN_TOP5_ERROR_SOURCE).toContain('Russakovsky et al. 2015');
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

  it('records AlexNet’s training budget from its paper, and none for ResNet, whose paper gives none', () => {
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
      resnet152: null,
    });
  });

  it('dates the LeNet demo to 1993, names LeNet-1 in it, and gives GoogLeNet nine Inception modules', () => {
    const lenet = ARCHITECTURE_FACTS.find((f) => f.id === 'lenet5');
    const googlenet = ARCHITECTURE_FACTS.find((f) => f.id === 'googlenet');
    expect(lenet?.demo?.year).toBe(1993);
    expect(lenet?.demo?.text).toContain('LeNet-1');
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

  it('gives LeNet-5 both counts: 5 layers with weights rebuilt, 7 trainable layers in the 1998 paper', () => {
    const lenet = ARCHITECTURE_FACTS.find((f) => f.id === 'lenet5');
    expect([lenet?.weightLayers, lenet?.paperLayers]).toEqual([5, 7]);
    expect(lenet?.depth).toContain('5 layers with weights');
    expect(lenet?.depth).toContain('7 trainable layers');
    expect(ARCHITECTURE_FACTS.filter((f) => f.paperLayers !== undefined).map((f) => f.id)).toEqual(['lenet5']);
  });

  it('calls GoogLeNet 22 layers deep, counting only layers with parameters', () => {
    const googlenet = ARCHITECTURE_FACTS.find((f) => f.id === 'googlenet');
    expect(googlenet?.depth).toMatch(/^22 layers deep: .*only layers with parameters/);
  });

  it('names the implementation beside every parameter count, and the paper’s figure where it differs', () => {
    const notes = Object.fromEntries(ARCHITECTURE_FACTS.map((f) => [f.id, f.paramsNote]));
    expect(notes.alexnet).toContain('torchvision’s AlexNet');
    expect(notes.alexnet).toContain('about 60 million');
    expect(notes.googlenet).toContain('torchvision’s googlenet');
    expect(notes.googlenet).toContain('12 times fewer parameters than AlexNet');
    expect(notes.vgg16).toContain('138 million');
    expect(notes.resnet152).toContain('torchvision’s resnet152');
    expect(notes.lenet5).toContain('modern re-implementation');
    for (const f of ARCHITECTURE_FACTS) expect(f.paper).toMatch(/\d{4}$/);
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
