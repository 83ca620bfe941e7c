/**
 * A tiny deterministic "semantic" embedder for ranking tests: each dimension is
 * a topic and words vote for their topic, so synonyms with no shared letters
 * (suspend / pause / halt) land close together, as a real model would put them.
 */
import type { Embedder } from '../../src/retrieval/index.js';

const TOPICS: string[][] = [
  ['pause', 'pausing', 'suspend', 'halt', 'stop', 'resume'],
  ['schedule', 'schedules', 'nightly', 'cron', 'daily'],
  ['invoice', 'invoices', 'billing', 'charged', 'payment'],
  ['list', 'every', 'next', 'run', 'time'],
];

export function topicEmbedder(): Embedder {
  const embedOne = (text: string): number[] => {
    const vector = new Array<number>(TOPICS.length + 1).fill(0);
    vector[TOPICS.length] = 0.1;
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      TOPICS.forEach((topic, i) => {
        if (topic.includes(word)) vector[i] = (vector[i] ?? 0) + 1;
      });
    }
    const norm = Math.hypot(...vector);
    return vector.map((x) => x / norm);
  };
  return { name: 'topics', dimension: TOPICS.length + 1, batchSize: 16, embed: async (texts) => texts.map(embedOne) };
}
