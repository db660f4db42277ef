import { sentenceKeys } from '../../src/sketch/sentence-keys.js';
import { Fingerprinter } from '../../src/text/token-hashes.js';

/** Sentence keys of a text, as the first pass makes them: the sentence LSH tests' input. */
export const keysOf = (text: string) => {
  const fp = new Fingerprinter();
  fp.tokenize(text, false);
  const stems = fp.tokenStems();
  return sentenceKeys(stems.slice(), stems.length, fp.sentenceStarts());
};

export const story = [
  'Kim Jong Un arrived in Vladivostok by armoured train on Tuesday morning.',
  'The North Korean leader will meet President Vladimir Putin at the Eastern Economic Forum.',
  'Washington warned Pyongyang against supplying artillery shells to Moscow for the war.',
];
export const other = [
  'Wheat prices rose sharply in Chicago after dry weather hit the plains.',
  'Traders said export demand from Egypt and Algeria stayed firm this week.',
  'Corn and soybeans ended the session slightly lower on profit taking.',
];
